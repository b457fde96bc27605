// An integrator's TypeScript using every export of the package, compiled with
// `tsc --strict --noEmit` against the installed tarball (types.test.mjs). Each
// `@ts-expect-error` line must fail to compile: a declaration that accepts it is too loose.
import {
  init,
  initSync,
  validate,
  validateFeedback,
  normalise,
  schema,
  formDefinition,
  messages,
  version,
  type Code,
  type FeedbackDocument,
  type FormDefinition,
  type FormField,
  type InitOutput,
  type Issue,
  type Lang,
  type Messages,
  type Receipt,
  type ReferralDocument,
  type Report,
  type SchemaName,
  type ValidateOptions,
  type UiText,
  type Condition,
  type InitInput,
  type SyncInitInput,
  type Referrer,
  type Individual,
  type Address,
  type SocialMediaItem,
  type ParentsOrCarersItem,
  type EducationOrEmployment,
  type Concern,
  type OtherAgenciesItem,
  type Sharing,
} from "prevent-referral";
import {
  PreventReferralForm,
  type PreventReferralFormEventMap,
  type ReferralErrorDetail,
  type ReferralErrorReason,
  type ReferralSubmitDetail,
  type ReferralSuccessDetail,
} from "prevent-referral/form";
import { attach, type AttachOptions, type AttachedForm } from "prevent-referral/attach";

export async function browser(bytes: ArrayBuffer): Promise<void> {
  const out: InitOutput = await init();
  void out.memory;
  const where: InitInput = new URL("/assets/prevent_referral_bg.wasm", location.href);
  await init({ module_or_path: where });
  const sync: SyncInitInput = bytes;
  initSync({ module: sync });
}

/** The document's parts are named types an integrator can build with. */
export function parts(doc: ReferralDocument): string[] {
  const referrer: Referrer = doc.referrer;
  const individual: Individual | undefined = doc.individual;
  const address: Address | undefined = individual?.address;
  const handles: SocialMediaItem[] = individual?.social_media ?? [];
  const carers: ParentsOrCarersItem[] = individual?.parents_or_carers ?? [];
  const work: EducationOrEmployment | undefined = individual?.education_or_employment;
  const concern: Concern = doc.concern;
  const sharing: Sharing | undefined = doc.sharing;
  const agencies: OtherAgenciesItem[] = concern.other_agencies ?? [];
  const texts: UiText[] = ["errorSummaryTitle", "download"];
  const when: Condition = { field: "sector", equals: "friends_family" };
  const submit: ReferralSubmitDetail = { document: doc };
  // @ts-expect-error -- not one of the form's texts
  const wrongText: UiText = "nonsense";
  void [wrongText, submit, when, work, concern, sharing, agencies, carers];
  return [referrer.full_name, address?.postcode ?? "", ...handles.map((h) => h.handle), ...texts];
}

export function validator(input: string): ReferralDocument | null {
  const doc: unknown = JSON.parse(input);
  const report: Report = validate(doc); // options may be left out
  const welsh: Report = validate(doc, { lang: "cy" });
  const options: ValidateOptions = {};
  validateFeedback(doc);
  validateFeedback(doc, options);
  const first: Issue | undefined = welsh.errors[0];
  const code: Code | undefined = first?.code;
  const path: string | undefined = first?.path;
  void [code, path, report.warnings.length];
  if (!report.valid) return null;
  const normal = normalise(doc);
  const postcode: string | undefined = normal.individual?.address?.postcode;
  const danger: boolean = normal.immediate_risk;
  void [postcode, danger];
  const feedback = normalise<FeedbackDocument>(doc);
  const status: FeedbackDocument["status"] = feedback.status;
  void status;
  // @ts-expect-error -- the result is a typed document, not unknown
  const wrong: number = normal.concern;
  void wrong;
  // @ts-expect-error -- options must be an object
  validate(doc, "cy");
  // @ts-expect-error -- only "en" and "cy"
  validate(doc, { lang: "fr" });
  return normal;
}

export function describe(lang: Lang): string {
  const name: SchemaName = "referral";
  const s: Record<string, unknown> = schema(name);
  const other: Record<string, unknown> | undefined = schema("other");
  const def: FormDefinition = formDefinition(lang);
  const field: FormField | undefined = def.fields[0];
  const m: Messages = messages(lang);
  // @ts-expect-error -- a language the package does not have
  messages("de");
  return `${version()} ${String(s.$id)} ${String(other)} ${field?.label ?? ""} ${m.ui.errorSummaryTitle} ${m.ui.retry}`;
}

export function form(): void {
  const el = document.createElement("prevent-referral-form");
  const typed: PreventReferralForm = el;
  el.setAttribute("endpoint", "https://prevent.example/v1/referrals");
  const receipt: Receipt | null = el.receipt;
  if (receipt) {
    const r: string = receipt.reference + receipt.referral_id + receipt.status_token;
    const received: FeedbackDocument = receipt.feedback;
    void [r, received];
  }
  // @ts-expect-error -- the receipt is read-only
  el.receipt = null;
  el.addEventListener("referral:submit", (e) => {
    const doc: ReferralDocument = e.detail.document;
    if (doc.submission_type === "advice_request") e.preventDefault();
  });
  el.addEventListener("referral:success", (e) => {
    const d: ReferralSuccessDetail = e.detail;
    const reference: string = d.receipt.reference;
    const status: FeedbackDocument["status"] = d.feedback.status;
    void [reference, status, d.document.referral_id];
  });
  el.addEventListener("referral:error", (e) => {
    const d: ReferralErrorDetail = e.detail;
    const reason: ReferralErrorReason = d.reason;
    const status: number | undefined = d.status;
    const report: Report | undefined = d.report;
    const message: string | undefined = d.error;
    void [reason, status, report, message];
    // @ts-expect-error -- not one of the reasons
    const bad: ReferralErrorReason = "teapot";
    void bad;
  });
  // A listener on an ancestor sees the bubbling events typed too.
  document.body.addEventListener("referral:success", (e) => void e.detail.receipt.reference);
  const map: PreventReferralFormEventMap["referral:error"] | null = null;
  void [typed, map, PreventReferralForm.prototype];
  document.body.append(el);
}

export async function ownForm(f: HTMLFormElement): Promise<void> {
  const options: AttachOptions = {
    lang: "cy",
    map: { pupil_age: "/individual/approximate_age" },
    defaults: { submission_type: "advice_request" },
    onSubmit(doc: ReferralDocument) {
      void doc.referral_id;
    },
  };
  const attached: AttachedForm = await attach(f, options);
  await attach(f); // options may be left out
  const doc: ReferralDocument = attached.document();
  const report: Report = attached.validate();
  void [doc, report];
  f.addEventListener("referral:submit", (e) => void e.detail.document.created_at);
  attached.detach();
  // @ts-expect-error -- a form element, not a selector
  await attach("#our-form");
  // @ts-expect-error -- map values are paths (strings)
  await attach(f, { map: { age: 7 } });
}
