import type { Attachment } from 'svelte/attachments';

const FOCUSABLE = [
  'a[href]',
  'button:not([disabled])',
  'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  '[tabindex]:not([tabindex="-1"])',
].join(',');

/** The elements inside `root` that Tab can reach, in document order. */
export function focusableIn(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)];
}

/** The element that has focus now (to give it back later), if any. */
export function focusedElement(): HTMLElement | null {
  return document.activeElement instanceof HTMLElement ? document.activeElement : null;
}

/**
 * Keeps keyboard focus inside the element while it is mounted: focuses `[data-autofocus]` (or the
 * first control), wraps Tab and Shift+Tab, pulls focus back if it lands outside, calls `oncancel` on
 * Escape, and gives focus back to `returnTo` (taken before the modal's content mounted and moved
 * focus) once the element goes away.
 */
export function focusTrap(
  oncancel: () => void,
  returnTo: HTMLElement | null,
): Attachment<HTMLElement> {
  return (node) => {
    const opener = returnTo;
    const first = () =>
      node.querySelector<HTMLElement>('[data-autofocus]') ?? focusableIn(node)[0] ?? node;
    first().focus();

    function onkeydown(event: KeyboardEvent): void {
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        oncancel();
        return;
      }
      if (event.key !== 'Tab') return;
      const items = focusableIn(node);
      const active = document.activeElement;
      const head = items[0];
      const tail = items[items.length - 1];
      if (head === undefined || tail === undefined) {
        event.preventDefault();
        node.focus();
      } else if (event.shiftKey && (active === head || !node.contains(active))) {
        event.preventDefault();
        tail.focus();
      } else if (!event.shiftKey && (active === tail || !node.contains(active))) {
        event.preventDefault();
        head.focus();
      }
    }

    function onfocusin(event: FocusEvent): void {
      if (event.target instanceof Node && !node.contains(event.target)) first().focus();
    }

    document.addEventListener('keydown', onkeydown, true);
    document.addEventListener('focusin', onfocusin);
    return () => {
      document.removeEventListener('keydown', onkeydown, true);
      document.removeEventListener('focusin', onfocusin);
      if (opener?.isConnected) opener.focus();
    };
  };
}

/** Focuses the element's `[data-autofocus]` (or first control) when it mounts, e.g. a new modal step. */
export const focusFirst: Attachment<HTMLElement> = (node) => {
  (node.querySelector<HTMLElement>('[data-autofocus]') ?? focusableIn(node)[0])?.focus();
};
