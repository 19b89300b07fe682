// The reviewer's name signed on comments: a preference of this user on this
// computer (like the language), never part of a project. Asked for the first
// time someone comments.
import { create } from "zustand";

export const AUTHOR_STORAGE_KEY = "journey-studio.author";
/** The longest name the core accepts on a comment (edit.rs limits::AUTHOR). */
export const AUTHOR_MAX = 100;

function stored(): string {
  try {
    return (localStorage.getItem(AUTHOR_STORAGE_KEY) ?? "").trim().slice(0, AUTHOR_MAX);
  } catch {
    return "";
  }
}

export const useAuthor = create<{ name: string; setName(name: string): void }>()((set) => ({
  name: stored(),
  setName(name) {
    const clean = name.trim().slice(0, AUTHOR_MAX);
    try {
      localStorage.setItem(AUTHOR_STORAGE_KEY, clean);
    } catch {
      // Not remembered; still used for this session.
    }
    set({ name: clean });
  },
}));
