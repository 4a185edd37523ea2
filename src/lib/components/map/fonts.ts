/**
 * The bundled font files MapLibre draws labels with, as same-origin asset URLs. Imported only by
 * the lazily loaded map code, so pages without a map do not reference them.
 */
import khmer from '@fontsource/noto-sans-khmer/files/noto-sans-khmer-khmer-400-normal.woff2?url';
import latin from '@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff2?url';
import type { FontUrls } from './style';

export const FONT_URLS: FontUrls = { khmer, latin };
