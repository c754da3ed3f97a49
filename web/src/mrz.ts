// The passport's machine-readable zone (ICAO 9303, TD3: two lines of 44), checked as the applicant types it so a
// typing slip shows at once. The service checks it again and decides (Rules/Td3Mrz.cs); this only helps.
export const lineLength = 44;

export type MrzProblem =
  | "length"
  | "characters"
  | "documentCode"
  | "documentNumber"
  | "dateOfBirth"
  | "expiryDate"
  | "personalNumber"
  | "composite";

const weights = [7, 3, 1];

function valueOf(c: string): number {
  if (c >= "0" && c <= "9") return c.charCodeAt(0) - 48;
  if (c >= "A" && c <= "Z") return c.charCodeAt(0) - 55;
  return 0; // the filler "<"
}

export function checkDigit(field: string): string {
  let sum = 0;
  for (let i = 0; i < field.length; i++) sum += valueOf(field[i]) * weights[i % 3];
  return String(sum % 10);
}

/** Upper case, no spaces: how people type what they read. */
export function normalise(line: string): string {
  return line.toUpperCase().replace(/\s+/g, "");
}

/** Every problem of the two lines, in the order of the zone; empty when they are right. */
export function check(line1: string, line2: string): MrzProblem[] {
  if (line1.length !== lineLength || line2.length !== lineLength) return ["length"];
  if (!/^[A-Z0-9<]+$/.test(line1 + line2)) return ["characters"];
  const problems: MrzProblem[] = [];
  if (line1[0] !== "P") problems.push("documentCode");
  const matches = (field: string, digit: string) => checkDigit(field) === digit;
  if (!matches(line2.slice(0, 9), line2[9])) problems.push("documentNumber");
  if (!matches(line2.slice(13, 19), line2[19])) problems.push("dateOfBirth");
  if (!matches(line2.slice(21, 27), line2[27])) problems.push("expiryDate");
  if (!matches(line2.slice(28, 42), line2[42] === "<" ? "0" : line2[42])) problems.push("personalNumber");
  const composite = line2.slice(0, 10) + line2.slice(13, 20) + line2.slice(21, 43);
  if (!matches(composite, line2[43])) problems.push("composite");
  return problems;
}
