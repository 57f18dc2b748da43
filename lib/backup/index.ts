export * from './locked-backup-vault';
export * from './cross-region-backup';
