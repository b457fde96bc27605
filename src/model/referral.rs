//! The referral document, version 1.0 (spec §2–5): every field, in specification order.

use super::text::tr;
use super::vocab::*;
use super::{Code, Cond, Equals, Field, Format, Object, Presence, Rule, Tr, Ty};
use Presence::{Optional, Required, RequiredUnless, RequiredWhen};

pub(super) const fn field(
    name: &'static str,
    ty: Ty,
    presence: Presence,
    label: Tr,
    noun: Tr,
) -> Field {
    Field {
        name,
        ty,
        presence,
        relaxed_when: None,
        label,
        noun,
    }
}

/// An array's item: always required (a `null` item is `required` at the item's path).
pub(super) const fn item(ty: Ty, label: Tr, noun: Tr) -> Field {
    field("", ty, Required, label, noun)
}

const IS_ADVICE_REQUEST: Cond = Cond {
    field: "submission_type",
    equals: Equals::Code(ADVICE_REQUEST),
};
const IS_FRIENDS_FAMILY: Cond = Cond {
    field: "sector",
    equals: Equals::Code(FRIENDS_FAMILY),
};
const NAME_NOT_KNOWN: Cond = Cond {
    field: "name_not_known",
    equals: Equals::True,
};
const ADDRESS_NOT_KNOWN: Cond = Cond {
    field: "address_not_known",
    equals: Equals::True,
};

/// `schema_version`, shared with the feedback document.
pub(super) const SCHEMA_VERSION_FIELD: Field = field(
    "schema_version",
    Ty::Format(Format::SchemaVersion),
    Required,
    tr("Schema version", "Fersiwn y sgema"),
    tr("the schema version", "fersiwn y sgema"),
);

/// `referral_id`, shared with the feedback document.
pub(super) const REFERRAL_ID_FIELD: Field = field(
    "referral_id",
    Ty::Format(Format::Uuid),
    Required,
    tr("Referral reference", "Cyfeirnod yr atgyfeiriad"),
    tr("the referral reference", "y cyfeirnod atgyfeirio"),
);

/// The top-level object.
pub static ROOT: Object = Object {
    fields: &[
        SCHEMA_VERSION_FIELD,
        REFERRAL_ID_FIELD,
        field(
            "submission_type",
            Ty::Code(SUBMISSION_TYPES),
            Required,
            tr("What are you sending?", "Beth ydych chi'n ei anfon?"),
            tr("the type of submission", "y math o gyflwyniad"),
        ),
        field(
            "language",
            Ty::Code(LANGUAGES),
            Required,
            tr("Language of the referral", "Iaith yr atgyfeiriad"),
            tr("the language of the referral", "iaith yr atgyfeiriad"),
        ),
        field(
            "created_at",
            Ty::Format(Format::DateTime),
            Required,
            tr(
                "Date and time of the referral",
                "Dyddiad ac amser yr atgyfeiriad",
            ),
            tr(
                "the date and time of the referral",
                "dyddiad ac amser yr atgyfeiriad",
            ),
        ),
        field(
            "immediate_risk",
            Ty::Bool,
            Required,
            tr(
                "Is anyone in immediate danger?",
                "A oes unrhyw un mewn perygl uniongyrchol?",
            ),
            tr(
                "whether anyone is in immediate danger",
                "a oes unrhyw un mewn perygl uniongyrchol",
            ),
        ),
        field(
            "referrer",
            Ty::Object(&REFERRER),
            Required,
            tr("About you", "Amdanoch chi"),
            tr("your details", "eich manylion"),
        ),
        Field {
            relaxed_when: Some(IS_ADVICE_REQUEST),
            ..field(
                "individual",
                Ty::Object(&INDIVIDUAL),
                RequiredUnless(IS_ADVICE_REQUEST),
                tr(
                    "The person you are concerned about",
                    "Yr unigolyn rydych yn pryderu amdano",
                ),
                tr("the details of the person", "manylion yr unigolyn"),
            )
        },
        field(
            "concern",
            Ty::Object(&CONCERN),
            Required,
            tr("The concern", "Y pryder"),
            tr("the details of the concern", "manylion y pryder"),
        ),
        field(
            "sharing",
            Ty::Object(&SHARING),
            RequiredUnless(IS_ADVICE_REQUEST),
            tr("Sharing information", "Rhannu gwybodaeth"),
            tr(
                "the details about sharing information",
                "y manylion am rannu gwybodaeth",
            ),
        ),
        field(
            "extensions",
            Ty::Extensions,
            Optional,
            tr("Extensions", "Estyniadau"),
            tr("the extensions", "yr estyniadau"),
        ),
    ],
    rules: &[Rule::WarnIfTrue {
        field: "immediate_risk",
        code: Code::Call999,
    }],
};

static REFERRER: Object = Object {
    fields: &[
        field(
            "full_name",
            Ty::ShortText,
            Required,
            tr("Full name", "Enw llawn"),
            tr("your full name", "eich enw llawn"),
        ),
        field(
            "sector",
            Ty::Code(SECTORS),
            Required,
            tr(
                "Which sector do you work in?",
                "Ym mha sector ydych chi'n gweithio?",
            ),
            tr("your sector", "eich sector"),
        ),
        field(
            "organisation",
            Ty::ShortText,
            RequiredUnless(IS_FRIENDS_FAMILY),
            tr("Organisation", "Sefydliad"),
            tr("your organisation", "eich sefydliad"),
        ),
        field(
            "job_title",
            Ty::ShortText,
            RequiredUnless(IS_FRIENDS_FAMILY),
            tr("Job title", "Teitl swydd"),
            tr("your job title", "eich teitl swydd"),
        ),
        field(
            "relationship_to_individual",
            Ty::Code(RELATIONSHIPS),
            Required,
            tr(
                "Your relationship to the person",
                "Eich perthynas â'r unigolyn",
            ),
            tr(
                "your relationship to the person",
                "eich perthynas â'r unigolyn",
            ),
        ),
        field(
            "email",
            Ty::Format(Format::Email),
            Optional,
            tr("Email address", "Cyfeiriad e-bost"),
            tr("your email address", "eich cyfeiriad e-bost"),
        ),
        field(
            "phone",
            Ty::Format(Format::Phone),
            Optional,
            tr("Phone number", "Rhif ffôn"),
            tr("your phone number", "eich rhif ffôn"),
        ),
        field(
            "safeguarding_lead_consulted",
            Ty::Code(LEAD_CONSULTED),
            RequiredUnless(IS_FRIENDS_FAMILY),
            tr(
                "Have you spoken to your safeguarding lead?",
                "Ydych chi wedi siarad â'ch arweinydd diogelu?",
            ),
            tr(
                "whether you have spoken to your safeguarding lead",
                "a ydych wedi siarad â'ch arweinydd diogelu",
            ),
        ),
        field(
            "feedback_requested",
            Ty::Bool,
            Optional,
            tr(
                "Would you like to hear the outcome?",
                "Hoffech chi glywed y canlyniad?",
            ),
            tr(
                "whether you would like to hear the outcome",
                "a hoffech glywed y canlyniad",
            ),
        ),
    ],
    rules: &[Rule::AtLeastOne {
        fields: &["email", "phone"],
        code: Code::EmailOrPhoneRequired,
    }],
};

static OTHER_NAME: Field = item(
    Ty::ShortText,
    tr("Other name", "Enw arall"),
    tr("the other name", "yr enw arall"),
);

static ADDRESS: Object = Object {
    fields: &[
        field(
            "line1",
            Ty::ShortText,
            Required,
            tr("Address line 1", "Llinell gyfeiriad 1"),
            tr(
                "the first line of the address",
                "y llinell gyfeiriad gyntaf",
            ),
        ),
        field(
            "line2",
            Ty::ShortText,
            Optional,
            tr("Address line 2", "Llinell gyfeiriad 2"),
            tr("the second line of the address", "yr ail linell gyfeiriad"),
        ),
        field(
            "town_or_city",
            Ty::ShortText,
            Required,
            tr("Town or city", "Tref neu ddinas"),
            tr("the town or city", "y dref neu'r ddinas"),
        ),
        field(
            "county",
            Ty::ShortText,
            Optional,
            tr("County", "Sir"),
            tr("the county", "y sir"),
        ),
        field(
            "postcode",
            Ty::Format(Format::Postcode),
            Required,
            tr("Postcode", "Cod post"),
            tr("the postcode", "y cod post"),
        ),
    ],
    rules: &[],
};

static SOCIAL_MEDIA_ACCOUNT: Object = Object {
    fields: &[
        field(
            "platform",
            Ty::ShortText,
            Required,
            tr("Platform or app", "Platfform neu ap"),
            tr("the platform or app", "y platfform neu'r ap"),
        ),
        field(
            "handle",
            Ty::ShortText,
            Required,
            tr("Username or handle", "Enw defnyddiwr"),
            tr("the username", "yr enw defnyddiwr"),
        ),
    ],
    rules: &[],
};

static SOCIAL_MEDIA_ITEM: Field = item(
    Ty::Object(&SOCIAL_MEDIA_ACCOUNT),
    tr("Social media account", "Cyfrif cyfryngau cymdeithasol"),
    tr(
        "the social media account",
        "y cyfrif cyfryngau cymdeithasol",
    ),
);

static EDUCATION_OR_EMPLOYMENT: Object = Object {
    fields: &[
        field(
            "status",
            Ty::Code(EDUCATION_STATUSES),
            Optional,
            tr(
                "Are they in education or employment?",
                "Ydyn nhw mewn addysg neu gyflogaeth?",
            ),
            tr(
                "the education or employment status",
                "y statws addysg neu gyflogaeth",
            ),
        ),
        field(
            "establishment",
            Ty::ShortText,
            Optional,
            tr("School, college or employer", "Ysgol, coleg neu gyflogwr"),
            tr(
                "the school, college or employer",
                "yr ysgol, y coleg neu'r cyflogwr",
            ),
        ),
    ],
    rules: &[],
};

static PARENT_OR_CARER: Object = Object {
    fields: &[
        field(
            "full_name",
            Ty::ShortText,
            Required,
            tr("Full name", "Enw llawn"),
            tr(
                "the parent's or carer's full name",
                "enw llawn y rhiant neu'r gofalwr",
            ),
        ),
        field(
            "relationship",
            Ty::ShortText,
            Required,
            tr("Relationship to the person", "Perthynas â'r unigolyn"),
            tr(
                "their relationship to the person",
                "eu perthynas â'r unigolyn",
            ),
        ),
        field(
            "phone",
            Ty::Format(Format::Phone),
            Optional,
            tr("Phone number", "Rhif ffôn"),
            tr(
                "the parent's or carer's phone number",
                "rhif ffôn y rhiant neu'r gofalwr",
            ),
        ),
        field(
            "email",
            Ty::Format(Format::Email),
            Optional,
            tr("Email address", "Cyfeiriad e-bost"),
            tr(
                "the parent's or carer's email address",
                "cyfeiriad e-bost y rhiant neu'r gofalwr",
            ),
        ),
        field(
            "aware_of_referral",
            Ty::Code(PARENT_AWARE),
            Optional,
            tr(
                "Do they know about this referral?",
                "Ydyn nhw'n gwybod am yr atgyfeiriad hwn?",
            ),
            tr(
                "whether the parent or carer knows about this referral",
                "a yw'r rhiant neu'r gofalwr yn gwybod am yr atgyfeiriad hwn",
            ),
        ),
    ],
    rules: &[],
};

static PARENT_OR_CARER_ITEM: Field = item(
    Ty::Object(&PARENT_OR_CARER),
    tr("Parent or carer", "Rhiant neu ofalwr"),
    tr("the parent or carer", "y rhiant neu'r gofalwr"),
);

static INDIVIDUAL: Object = Object {
    fields: &[
        field(
            "name_not_known",
            Ty::Bool,
            Optional,
            tr("I do not know their name", "Nid wyf yn gwybod eu henw"),
            tr(
                "whether you know the person's name",
                "a ydych yn gwybod enw'r unigolyn",
            ),
        ),
        field(
            "given_names",
            Ty::ShortText,
            RequiredUnless(NAME_NOT_KNOWN),
            tr("Given names", "Enwau cyntaf"),
            tr("the person's given names", "enwau cyntaf yr unigolyn"),
        ),
        field(
            "family_name",
            Ty::ShortText,
            RequiredUnless(NAME_NOT_KNOWN),
            tr("Family name", "Cyfenw"),
            tr("the person's family name", "cyfenw'r unigolyn"),
        ),
        field(
            "other_names",
            Ty::Array(&OTHER_NAME),
            Optional,
            tr("Other names", "Enwau eraill"),
            tr("the other names", "yr enwau eraill"),
        ),
        field(
            "date_of_birth",
            Ty::Format(Format::Date),
            Optional,
            tr("Date of birth", "Dyddiad geni"),
            tr("the date of birth", "y dyddiad geni"),
        ),
        field(
            "approximate_age",
            Ty::Integer { min: 0, max: 120 },
            Optional,
            tr("Approximate age", "Oedran bras"),
            tr("the approximate age", "yr oedran bras"),
        ),
        field(
            "sex",
            Ty::Code(SEXES),
            Optional,
            tr("Sex", "Rhyw"),
            tr("the person's sex", "rhyw'r unigolyn"),
        ),
        field(
            "address_not_known",
            Ty::Bool,
            Optional,
            tr(
                "I do not know their address",
                "Nid wyf yn gwybod eu cyfeiriad",
            ),
            tr(
                "whether you know the person's address",
                "a ydych yn gwybod cyfeiriad yr unigolyn",
            ),
        ),
        field(
            "address",
            Ty::Object(&ADDRESS),
            RequiredUnless(ADDRESS_NOT_KNOWN),
            tr("Address", "Cyfeiriad"),
            tr("the person's address", "cyfeiriad yr unigolyn"),
        ),
        field(
            "phone",
            Ty::Format(Format::Phone),
            Optional,
            tr("Phone number", "Rhif ffôn"),
            tr("the person's phone number", "rhif ffôn yr unigolyn"),
        ),
        field(
            "email",
            Ty::Format(Format::Email),
            Optional,
            tr("Email address", "Cyfeiriad e-bost"),
            tr("the person's email address", "cyfeiriad e-bost yr unigolyn"),
        ),
        field(
            "social_media",
            Ty::Array(&SOCIAL_MEDIA_ITEM),
            Optional,
            tr("Social media accounts", "Cyfrifon cyfryngau cymdeithasol"),
            tr(
                "the social media accounts",
                "y cyfrifon cyfryngau cymdeithasol",
            ),
        ),
        field(
            "nationality",
            Ty::ShortText,
            Optional,
            tr("Nationality", "Cenedligrwydd"),
            tr("the person's nationality", "cenedligrwydd yr unigolyn"),
        ),
        field(
            "primary_language",
            Ty::ShortText,
            Optional,
            tr("First language", "Iaith gyntaf"),
            tr("the person's first language", "iaith gyntaf yr unigolyn"),
        ),
        field(
            "interpreter_needed",
            Ty::Bool,
            Optional,
            tr(
                "Do they need an interpreter?",
                "Oes angen cyfieithydd arnynt?",
            ),
            tr(
                "whether an interpreter is needed",
                "a oes angen cyfieithydd",
            ),
        ),
        field(
            "nhs_number",
            Ty::Format(Format::NhsNumber),
            Optional,
            tr("NHS number", "Rhif GIG"),
            tr("the NHS number", "y rhif GIG"),
        ),
        field(
            "education_or_employment",
            Ty::Object(&EDUCATION_OR_EMPLOYMENT),
            Optional,
            tr("Education or employment", "Addysg neu gyflogaeth"),
            tr(
                "the education or employment details",
                "y manylion addysg neu gyflogaeth",
            ),
        ),
        field(
            "parents_or_carers",
            Ty::Array(&PARENT_OR_CARER_ITEM),
            Optional,
            tr("Parents or carers", "Rhieni neu ofalwyr"),
            tr("the parents or carers", "y rhieni neu'r gofalwyr"),
        ),
    ],
    rules: &[
        Rule::AtLeastOne {
            fields: &["date_of_birth", "approximate_age"],
            code: Code::Required,
        },
        Rule::NotBoth {
            first: "date_of_birth",
            second: "approximate_age",
        },
        Rule::UnderAgeRecommends {
            date_of_birth: "date_of_birth",
            age: "approximate_age",
            field: "parents_or_carers",
            code: Code::ParentsOrCarersRecommended,
        },
    ],
};

static INDICATOR: Field = item(
    Ty::Code(INDICATORS),
    tr("Sign of concern", "Arwydd o bryder"),
    tr("the sign of concern", "yr arwydd o bryder"),
);
static CONCERN_TYPE: Field = item(
    Ty::Code(CONCERN_TYPES),
    tr("Type of concern", "Math o bryder"),
    tr("the type of concern", "y math o bryder"),
);
static SAFEGUARDING_CONCERN: Field = item(
    Ty::Code(SAFEGUARDING_CONCERNS),
    tr("Safeguarding concern", "Pryder diogelu"),
    tr("the safeguarding concern", "y pryder diogelu"),
);
static CONDITION: Field = item(
    Ty::Code(CONDITIONS),
    tr("Condition or need", "Cyflwr neu angen"),
    tr("the condition or need", "y cyflwr neu'r angen"),
);

static AGENCY: Object = Object {
    fields: &[
        field(
            "name",
            Ty::ShortText,
            Required,
            tr("Name of the agency", "Enw'r asiantaeth"),
            tr("the name of the agency", "enw'r asiantaeth"),
        ),
        field(
            "contact",
            Ty::ShortText,
            Optional,
            tr("Contact at the agency", "Cyswllt yn yr asiantaeth"),
            tr("the contact at the agency", "y cyswllt yn yr asiantaeth"),
        ),
    ],
    rules: &[],
};

static AGENCY_ITEM: Field = item(
    Ty::Object(&AGENCY),
    tr("Agency", "Asiantaeth"),
    tr("the agency", "yr asiantaeth"),
);

static CONCERN: Object = Object {
    fields: &[
        field(
            "description",
            Ty::LongText,
            Required,
            tr(
                "What have you seen or heard?",
                "Beth ydych chi wedi'i weld neu ei glywed?",
            ),
            tr(
                "what you have seen or heard",
                "yr hyn rydych wedi'i weld neu ei glywed",
            ),
        ),
        field(
            "how_identified",
            Ty::LongText,
            Required,
            tr(
                "How did the concern come to light?",
                "Sut daeth y pryder i'r amlwg?",
            ),
            tr(
                "how the concern came to light",
                "sut daeth y pryder i'r amlwg",
            ),
        ),
        field(
            "first_noticed",
            Ty::Format(Format::PartialDate),
            Optional,
            tr("When was this first noticed?", "Pryd sylwyd ar hyn gyntaf?"),
            tr(
                "the date it was first noticed",
                "y dyddiad y sylwyd arno gyntaf",
            ),
        ),
        field(
            "indicators",
            Ty::Array(&INDICATOR),
            Optional,
            tr("Signs of concern", "Arwyddion o bryder"),
            tr("the signs of concern", "yr arwyddion o bryder"),
        ),
        field(
            "concern_types",
            Ty::Array(&CONCERN_TYPE),
            Optional,
            tr("Types of concern", "Mathau o bryder"),
            tr("the types of concern", "y mathau o bryder"),
        ),
        field(
            "other_safeguarding_concerns",
            Ty::Array(&SAFEGUARDING_CONCERN),
            Optional,
            tr("Other safeguarding concerns", "Pryderon diogelu eraill"),
            tr(
                "the other safeguarding concerns",
                "y pryderon diogelu eraill",
            ),
        ),
        field(
            "known_conditions",
            Ty::Array(&CONDITION),
            Optional,
            tr("Known conditions or needs", "Cyflyrau neu anghenion hysbys"),
            tr(
                "the known conditions or needs",
                "y cyflyrau neu'r anghenion hysbys",
            ),
        ),
        field(
            "needs_description",
            Ty::LongText,
            Optional,
            tr(
                "Anything else affecting their wellbeing",
                "Unrhyw beth arall sy'n effeithio ar eu llesiant",
            ),
            tr(
                "the description of other needs",
                "y disgrifiad o anghenion eraill",
            ),
        ),
        field(
            "other_agencies",
            Ty::Array(&AGENCY_ITEM),
            Optional,
            tr(
                "Other agencies involved",
                "Asiantaethau eraill sy'n rhan o hyn",
            ),
            tr("the other agencies", "yr asiantaethau eraill"),
        ),
    ],
    rules: &[Rule::WarnIfShorter {
        field: "description",
        chars: 50,
        code: Code::DescriptionTooBrief,
    }],
};

const INDIVIDUAL_NOT_AWARE: Cond = Cond {
    field: "individual_aware",
    equals: Equals::Code(NO),
};
const CONSENT_NOT_SOUGHT: Cond = Cond {
    field: "consent",
    equals: Equals::Code(NOT_SOUGHT),
};

static SHARING: Object = Object {
    fields: &[
        field(
            "individual_aware",
            Ty::Code(YES_NO_NOT_KNOWN),
            Required,
            tr(
                "Does the person know about this referral?",
                "Ydy'r unigolyn yn gwybod am yr atgyfeiriad hwn?",
            ),
            tr(
                "whether the person knows about this referral",
                "a yw'r unigolyn yn gwybod am yr atgyfeiriad hwn",
            ),
        ),
        field(
            "reason_not_aware",
            Ty::LongText,
            RequiredWhen(INDIVIDUAL_NOT_AWARE),
            tr(
                "Why does the person not know?",
                "Pam nad yw'r unigolyn yn gwybod?",
            ),
            tr(
                "the reason the person does not know",
                "y rheswm nad yw'r unigolyn yn gwybod",
            ),
        ),
        field(
            "consent",
            Ty::Code(CONSENT),
            Required,
            tr(
                "Has the person consented to this referral?",
                "Ydy'r unigolyn wedi cydsynio i'r atgyfeiriad hwn?",
            ),
            tr(
                "whether the person has consented",
                "a yw'r unigolyn wedi cydsynio",
            ),
        ),
        field(
            "reason_consent_not_sought",
            Ty::LongText,
            RequiredWhen(CONSENT_NOT_SOUGHT),
            tr(
                "Why was consent not sought?",
                "Pam na ofynnwyd am gydsyniad?",
            ),
            tr(
                "the reason consent was not sought",
                "y rheswm na ofynnwyd am gydsyniad",
            ),
        ),
        field(
            "necessity_confirmed",
            Ty::Confirmation,
            Required,
            tr(
                "I confirm that sharing this information is necessary and proportionate",
                "Rwy'n cadarnhau bod rhannu'r wybodaeth hon yn angenrheidiol ac yn gymesur",
            ),
            tr(
                "that sharing this information is necessary and proportionate",
                "fod rhannu'r wybodaeth hon yn angenrheidiol ac yn gymesur",
            ),
        ),
    ],
    rules: &[],
};
