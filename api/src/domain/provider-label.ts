/**
 * The provider as people read it: egen regi said once, whether or not the
 * provider's name already says it ("Åsby kommun (egen regi)").
 */
export function providerLabel(provider: string, ownRegime: boolean): string {
  if (!ownRegime || /egen regi/i.test(provider)) return provider;
  return `${provider} (egen regi)`;
}
