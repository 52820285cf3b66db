declare module 'virtual:scenarios' {
  const scenarios: { id: string; title: string; version: number; url: string }[];
  export default scenarios;
}
