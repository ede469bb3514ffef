export { detectDrift } from './detectDrift';
export type { LiveObjects } from './detectDrift';
