//! Files derived from the model: JSON Schema and the format reference tables.

mod build;
mod describe;
pub mod form_definition;
pub mod json_schema;
pub mod markdown;
pub mod openapi;
pub mod typescript;
