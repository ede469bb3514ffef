export * from './RolloutCard';
