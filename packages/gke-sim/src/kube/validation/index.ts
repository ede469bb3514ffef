export { validateObject } from './validateObject';
export { defaultObject } from './defaultObject';
