/** Text as compared by a reader who ignores accents and case: "Núñez" and "NUNEZ" are both "nunez". */
export function foldAccentsAndCase(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('en');
}
