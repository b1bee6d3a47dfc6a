//! `Error`: failures of the machine (disk, templates, images), never of the user's text.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("无法读写 {path}：{source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("模板 {name} 出错：{message}")]
    Template { name: String, message: String },
    #[error("图片 {path} 处理失败：{message}")]
    Image { path: String, message: String },
    #[error("{0}")]
    Refused(String),
}

impl Error {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}
