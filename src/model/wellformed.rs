//! Whether the model's declarations hang together: every field a condition, rule or
//! relaxation names is a sibling that can hold the value asked for, names are unique, code
//! lists are non-empty and unrepeated. The validator trusts the model, so a name typed wrong
//! here would otherwise make a rule silently never apply; the test below holds both
//! documents to it.

use super::{Cond, Equals, Object, Presence, Rule, Ty};

/// Every inconsistency in the declarations under `root`, each as "`key`: what is wrong";
/// empty when the model is well formed.
pub fn problems(root: &'static Object) -> Vec<String> {
    let mut out = Vec::new();
    object(root, "", &mut out);
    out
}

fn object(obj: &'static Object, prefix: &str, out: &mut Vec<String>) {
    let key_of = |name: &str| {
        if prefix.is_empty() {
            name.to_owned()
        } else {
            format!("{prefix}.{name}")
        }
    };
    for (i, field) in obj.fields.iter().enumerate() {
        let key = key_of(field.name);
        if field.name.is_empty() {
            out.push(format!("`{prefix}`: a field without a name"));
        }
        if obj.fields[..i].iter().any(|f| f.name == field.name) {
            out.push(format!("`{key}`: declared twice"));
        }
        if let Presence::RequiredUnless(c) | Presence::RequiredWhen(c) = field.presence {
            cond(obj, c, &key, "its presence", out);
        }
        if let Some(c) = field.relaxed_when {
            cond(obj, c, &key, "its relaxation", out);
        }
        ty(&field.ty, &key, out);
    }
    for r in obj.rules {
        rule(obj, r, prefix, out);
    }
}

fn ty(t: &'static Ty, key: &str, out: &mut Vec<String>) {
    match t {
        Ty::Object(o) => object(o, key, out),
        Ty::Array(item) => ty(&item.ty, &format!("{key}[]"), out),
        Ty::Code(choices) => {
            if choices.is_empty() {
                out.push(format!("`{key}`: an empty code list"));
            }
            for (i, c) in choices.iter().enumerate() {
                if c.code.is_empty() || choices[..i].iter().any(|d| d.code == c.code) {
                    out.push(format!("`{key}`: code `{}` empty or repeated", c.code));
                }
            }
        }
        Ty::Integer { min, max } if min > max => {
            out.push(format!("`{key}`: range {min}–{max} is empty"));
        }
        _ => {}
    }
}

/// A condition names a sibling that can hold the value it asks for.
fn cond(obj: &'static Object, c: Cond, key: &str, what: &str, out: &mut Vec<String>) {
    match obj.field(c.field) {
        None => out.push(format!(
            "`{key}`: {what} names `{}`, which is not a field beside it",
            c.field
        )),
        Some(f) => {
            let holds = match (c.equals, &f.ty) {
                (Equals::True, Ty::Bool | Ty::Confirmation) => true,
                (Equals::Code(code), Ty::Code(choices)) => choices.iter().any(|ch| ch.code == code),
                _ => false,
            };
            if !holds {
                out.push(format!(
                    "`{key}`: {what} asks `{}` for {:?}, which it can never hold",
                    c.field, c.equals
                ));
            }
        }
    }
}

type Fits = fn(&Ty) -> bool;

fn any(_: &Ty) -> bool {
    true
}

fn boolean(t: &Ty) -> bool {
    matches!(t, Ty::Bool)
}

fn text(t: &Ty) -> bool {
    matches!(t, Ty::ShortText | Ty::LongText)
}

fn date(t: &Ty) -> bool {
    matches!(t, Ty::Format(f) if crate::check::formats::owner(*f).bounded_day.is_some())
}

fn integer(t: &Ty) -> bool {
    matches!(t, Ty::Integer { .. })
}

fn rule(obj: &'static Object, r: &Rule, prefix: &str, out: &mut Vec<String>) {
    let at = if prefix.is_empty() { "(root)" } else { prefix };
    let mut named: Vec<(&str, Fits)> = Vec::new();
    let (code, warning) = match *r {
        Rule::AtLeastOne { fields, code } => {
            if fields.is_empty() {
                out.push(format!("`{at}`: a rule {r:?} that names no field"));
            }
            named.extend(fields.iter().map(|f| (*f, any as Fits)));
            (Some(code), false)
        }
        Rule::NotBoth { first, second } => {
            named.extend([(first, any as Fits), (second, any)]);
            (None, false)
        }
        Rule::WarnIfTrue { field, code } => {
            named.push((field, boolean));
            (Some(code), true)
        }
        Rule::WarnIfShorter { field, code, .. } => {
            named.push((field, text));
            (Some(code), true)
        }
        Rule::UnderAgeRecommends {
            date_of_birth,
            age,
            field,
            code,
        } => {
            named.extend([(date_of_birth, date as Fits), (age, integer), (field, any)]);
            (Some(code), true)
        }
    };
    for (name, fits) in named {
        match obj.field(name) {
            None => out.push(format!(
                "`{at}`: rule {r:?} names `{name}`, which is not a field of this object"
            )),
            Some(f) if !fits(&f.ty) => out.push(format!(
                "`{at}`: rule {r:?} names `{name}`, whose type it cannot apply to"
            )),
            Some(_) => {}
        }
    }
    if let Some(code) = code {
        if code.is_warning() != warning {
            out.push(format!(
                "`{at}`: rule {r:?} gives {code:?}, the wrong kind of code"
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::text::tr;
    use crate::model::{Code, DocKind, Field};

    #[test]
    fn both_documents_are_well_formed() {
        for kind in DocKind::ALL {
            let problems = problems(kind.root());
            assert!(problems.is_empty(), "{}: {problems:#?}", kind.name());
        }
    }

    const fn field(name: &'static str, ty: Ty, presence: Presence) -> Field {
        Field {
            name,
            ty,
            presence,
            relaxed_when: None,
            label: tr("Label", "Label"),
            noun: tr("the noun", "yr enw"),
        }
    }

    static BROKEN: Object = Object {
        fields: &[
            field("flag", Ty::Bool, Presence::Optional),
            field(
                "note",
                Ty::ShortText,
                Presence::RequiredWhen(Cond {
                    field: "flga",
                    equals: Equals::True,
                }),
            ),
            field(
                "other",
                Ty::ShortText,
                Presence::RequiredUnless(Cond {
                    field: "flag",
                    equals: Equals::Code("yes"),
                }),
            ),
            field("note", Ty::LongText, Presence::Optional),
            field("range", Ty::Integer { min: 3, max: 2 }, Presence::Optional),
        ],
        rules: &[
            Rule::WarnIfTrue {
                field: "flag_typo",
                code: Code::Call999,
            },
            Rule::AtLeastOne {
                fields: &["note", "missing"],
                code: Code::Call999,
            },
        ],
    };

    #[test]
    fn each_kind_of_inconsistency_is_reported() {
        let found = problems(&BROKEN);
        let expect = [
            "`note`: its presence names `flga`",
            "`other`: its presence asks `flag` for Code(\"yes\")",
            "`note`: declared twice",
            "`range`: range 3–2 is empty",
            "names `flag_typo`, which is not a field",
            "names `missing`, which is not a field",
            "gives Call999, the wrong kind of code",
        ];
        for e in expect {
            assert!(found.iter().any(|p| p.contains(e)), "{e} not in {found:#?}");
        }
        assert_eq!(found.len(), expect.len(), "{found:#?}");
    }
}
