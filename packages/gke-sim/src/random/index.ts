export { SeededRandom } from './SeededRandom';
