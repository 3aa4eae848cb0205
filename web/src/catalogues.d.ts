/** A part of a catalogue, its messages parsed at build time (web/vite.config.mts). */
declare module '*.json?part=first' {
  const messages: Record<string, unknown>;
  export default messages;
}
declare module '*.json?part=rest' {
  const messages: Record<string, unknown>;
  export default messages;
}
