//! TypeScript declarations of the documents and codes (`npm/document.d.ts`), generated from
//! the model so the npm package's types cannot drift from the validator.

use super::describe;
use crate::model::{Code, DocKind, Field, Object, Presence, Ty};

fn pascal(name: &str) -> String {
    name.split('_')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| {
                    std::iter::once(f.to_ascii_uppercase())
                        .chain(c)
                        .collect::<String>()
                })
                .unwrap_or_default()
        })
        .collect()
}

struct Out {
    text: String,
}

impl Out {
    fn ty(&mut self, ty: &Ty, name: &str) -> String {
        match ty {
            Ty::Code(choices) => choices
                .iter()
                .map(|c| format!("\"{}\"", c.code))
                .collect::<Vec<_>>()
                .join(" | "),
            Ty::Bool => "boolean".into(),
            Ty::Confirmation => "true".into(),
            Ty::Integer { .. } => "number".into(),
            Ty::Format(crate::model::Format::SchemaVersion) => "\"1.0\"".into(),
            Ty::Object(o) => {
                let iface = pascal(name);
                self.interface(&iface, o);
                iface
            }
            Ty::Array(item) => {
                let inner = self.ty(&item.ty, &format!("{name}_item"));
                if inner.contains('|') {
                    format!("Array<{inner}>")
                } else {
                    format!("{inner}[]")
                }
            }
            Ty::Extensions => "Record<string, unknown>".into(),
            _ => "string".into(),
        }
    }

    fn interface(&mut self, name: &str, o: &Object) {
        let mut body = String::new();
        for f in o.fields {
            let ty = self.ty(&f.ty, f.name);
            body.push_str(&doc_comment(f));
            let optional = if matches!(f.presence, Presence::Required) {
                ""
            } else {
                "?"
            };
            body.push_str(&format!("  {}{optional}: {ty};\n", f.name));
        }
        self.text
            .push_str(&format!("\nexport interface {name} {{\n{body}}}\n"));
    }
}

fn doc_comment(f: &Field) -> String {
    format!("  /** {} — {} */\n", f.label.en, describe::sentence(f))
}

/// The text of `npm/document.d.ts`.
pub fn declarations() -> String {
    let mut out = Out {
        text: String::from(
            "// Generated from src/model by `make generate`. Do not edit by hand.\n\n/** An error or warning code (never renamed). */\nexport type Code =\n",
        ),
    };
    let codes: Vec<String> = Code::ALL
        .iter()
        .map(|c| format!("  | \"{}\"", c.as_str()))
        .collect();
    out.text.push_str(&codes.join("\n"));
    out.text.push_str(";\n");
    for (kind, name) in [
        (DocKind::Referral, "ReferralDocument"),
        (DocKind::Feedback, "FeedbackDocument"),
    ] {
        out.interface(name, kind.root());
    }
    out.text
}
