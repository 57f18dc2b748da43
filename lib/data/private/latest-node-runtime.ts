// Moved to core, where the backup folder's functions reach it too (construct folders import only core and config).
export { latestNodeRuntime, nodeMajorOf } from '../../core/latest-node-runtime';
