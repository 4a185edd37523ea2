export * from './tallies';
export * from './manifests';
export * from './reconciliation';
export * from './dashboard';
export * from './qr';
export * from './locations';
