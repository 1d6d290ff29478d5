/**
 * The answer of a validation: either the clean value, or a message for one form field.
 * `field` is the form field's path (for a check-in, the metric id) so the UI can show the message
 * on that field and keep everything else the user typed.
 */
export type FieldResult<T> = { ok: true; value: T } | { ok: false; field: string; message: string };

export interface FieldError {
  field: string;
  message: string;
}
