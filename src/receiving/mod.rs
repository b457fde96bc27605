//! The receiving API v1, declared once: what the server serves and the OpenAPI description
//! describes.

pub mod routes;
