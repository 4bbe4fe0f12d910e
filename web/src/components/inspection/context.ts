// What the steps of the 检查表单 share: the state of useInspectionDraft, provided by
// InspectionFormView. Each step also takes the draft as a prop (it is only shown with one).
import type { InjectionKey } from 'vue';
import { inject } from 'vue';
import type { InspectionDraftState } from '../../composables/useInspectionDraft';

export const INSPECTION_FORM: InjectionKey<InspectionDraftState> = Symbol('inspection-form');

export function useInspectionForm(): InspectionDraftState {
  const ctx = inject(INSPECTION_FORM);
  if (!ctx) throw new Error('inspection form context missing');
  return ctx;
}
