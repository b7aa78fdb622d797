/**
 * Contract numbers are unique in the kommun the way SharePoint compares
 * text: without regard to case (å and Å are the same letter), and without
 * regard to spaces around or doubled inside the number.
 */
export function contractNumberKey(number: string): string {
  return number.trim().replace(/\s+/g, " ").toLocaleUpperCase("sv-SE");
}

/** The contract that already uses this number, other than `exceptId` itself. */
export function contractWithNumber<T extends { id: string; contractNumber: string }>(
  contracts: readonly T[],
  number: string,
  exceptId?: string,
): T | undefined {
  const key = contractNumberKey(number);
  return contracts.find(
    (contract) => contract.id !== exceptId && contractNumberKey(contract.contractNumber) === key,
  );
}
