/** The current instant. Injected everywhere so tests choose the time; never read globally. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
