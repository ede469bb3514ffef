export { createAdminRouter } from './createAdminRouter';
export type { SimulatorControls } from './createAdminRouter';
