/** The API key of this browser tab: sessionStorage, so it is gone when the tab closes. */
const STORAGE_KEY = 'retrace.apiKey';

export const readSessionKey = (): string | null => sessionStorage.getItem(STORAGE_KEY);
export const writeSessionKey = (key: string): void => sessionStorage.setItem(STORAGE_KEY, key);
export const clearSessionKey = (): void => sessionStorage.removeItem(STORAGE_KEY);
