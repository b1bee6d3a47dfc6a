//! Word and WPS documents (.docx) → `Article`: headings by their style, lists, tables,
//! bold/italic, links, footnotes and embedded images; tracked insertions kept and deletions
//! dropped (changes accepted), comments, field codes and manual line breaks dropped.
//! Pure: no IO.

use std::collections::HashMap;
use std::io::{Cursor, Read as _};

use roxmltree::{Document, Node};

use super::table::{self, Cell, Rows};
use super::{Article, Block, Inline, ListItem, Picture, PictureSource, Refused};

/// Everything a paragraph may need to look up in the package.
struct Package {
    files: HashMap<String, Vec<u8>>,
    /// Relationship id → target, for `word/document.xml`.
    rels: HashMap<String, String>,
    /// Style id → heading level (WPS names its styles by number, so the name decides).
    heading_styles: HashMap<String, u8>,
    /// (numId, level) → ordered (not bullets).
    ordered: HashMap<(String, usize), bool>,
    /// Footnote id → its index in `Article::notes`, in the order they are referenced.
    notes: HashMap<String, usize>,
    note_bodies: HashMap<String, Vec<Inline>>,
    collected_notes: Vec<Vec<Inline>>,
}

pub(crate) fn read(name: &str, bytes: &[u8]) -> Result<Article, Refused> {
    if bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        return Err(Refused(if has_utf16(bytes, "EncryptedPackage") {
            format!(
                "{name}：文件设置了打开密码，同文打不开。请在 Word 或 WPS 里取消密码（“文件→信息→保护文档”）后另存，再导入。"
            )
        } else {
            format!(
                "{name}：这其实是旧版 Word（.doc）文件，只是名字叫 .docx。请用 Word 或 WPS 打开，“另存为” Word 文档（.docx）后再导入。"
            )
        }));
    }
    let corrupt = || {
        Refused(format!(
            "{name}：文件已损坏，不是完整的 Word 文档（.docx），没有导入。请用 Word 或 WPS 打开它，重新“另存为” .docx 后再导入。"
        ))
    };
    let files = unzip(bytes).ok_or_else(corrupt)?;
    let document = text_of(&files, "word/document.xml").ok_or_else(corrupt)?;
    let doc = Document::parse(&document).map_err(|_| corrupt())?;
    let mut package = Package {
        rels: relationships(text_of(&files, "word/_rels/document.xml.rels").as_deref()),
        heading_styles: heading_styles(text_of(&files, "word/styles.xml").as_deref()),
        ordered: numbering(text_of(&files, "word/numbering.xml").as_deref()),
        notes: HashMap::new(),
        note_bodies: HashMap::new(),
        collected_notes: Vec::new(),
        files,
    };
    package.note_bodies = footnotes(&package);
    let mut article = Article::default();
    if let Some(body) = child(doc.root_element(), "body") {
        blocks(&mut package, body, &mut article.blocks);
    }
    article.notes = std::mem::take(&mut package.collected_notes);
    if let Some(core) = text_of(&package.files, "docProps/core.xml")
        && let Ok(core) = Document::parse(&core)
    {
        for node in core.descendants().filter(|n| n.is_element()) {
            match node.tag_name().name() {
                "created" | "modified" => {
                    article
                        .property_dates
                        .extend(node.text().map(str::to_string));
                }
                "title" => {
                    article.title = node
                        .text()
                        .map(str::to_string)
                        .filter(|t| !t.trim().is_empty())
                }
                _ => {}
            }
        }
    }
    Ok(article)
}

fn has_utf16(bytes: &[u8], needle: &str) -> bool {
    let wide: Vec<u8> = needle.encode_utf16().flat_map(u16::to_le_bytes).collect();
    bytes.windows(wide.len()).any(|w| w == wide.as_slice())
}

fn unzip(bytes: &[u8]) -> Option<HashMap<String, Vec<u8>>> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut files = HashMap::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).ok()?;
        let mut data = Vec::new();
        file.read_to_end(&mut data).ok()?;
        let name = file.name().ok()?.into_owned();
        files.insert(name, data);
    }
    Some(files)
}

fn text_of(files: &HashMap<String, Vec<u8>>, name: &str) -> Option<String> {
    let bytes = files.get(name)?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    String::from_utf8(bytes.to_vec()).ok()
}

fn attr<'a>(node: Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attributes()
        .find(|a| a.name() == name)
        .map(|a| a.value())
}

fn child<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children()
        .find(|c| c.is_element() && c.tag_name().name() == name)
}

fn relationships(xml: Option<&str>) -> HashMap<String, String> {
    let Some(doc) = xml.and_then(|x| Document::parse(x).ok()) else {
        return HashMap::new();
    };
    doc.descendants()
        .filter(|n| n.tag_name().name() == "Relationship")
        .filter_map(|n| Some((attr(n, "Id")?.to_string(), attr(n, "Target")?.to_string())))
        .collect()
}

fn heading_styles(xml: Option<&str>) -> HashMap<String, u8> {
    let Some(doc) = xml.and_then(|x| Document::parse(x).ok()) else {
        return HashMap::new();
    };
    let mut styles = HashMap::new();
    for style in doc.descendants().filter(|n| n.tag_name().name() == "style") {
        let Some(id) = attr(style, "styleId") else {
            continue;
        };
        let name = child(style, "name")
            .and_then(|n| attr(n, "val"))
            .unwrap_or("")
            .to_lowercase();
        let level = ["heading ", "标题 ", "標題 "]
            .iter()
            .find_map(|p| name.strip_prefix(p)?.trim().parse::<u8>().ok())
            .or_else(|| {
                let outline = child(style, "pPr").and_then(|p| child(p, "outlineLvl"))?;
                attr(outline, "val")?.parse::<u8>().ok().map(|l| l + 1)
            })
            .or_else(|| (name == "title" || name == "标题").then_some(1));
        if let Some(level) = level {
            styles.insert(id.to_string(), level);
        }
    }
    styles
}

/// Each list level of each numbering: numbered (`decimal`, `chineseCounting` …) or bullets.
fn numbering(xml: Option<&str>) -> HashMap<(String, usize), bool> {
    let Some(doc) = xml.and_then(|x| Document::parse(x).ok()) else {
        return HashMap::new();
    };
    let abstract_levels: HashMap<&str, Vec<(usize, bool)>> = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "abstractNum")
        .filter_map(|n| {
            let levels = n
                .children()
                .filter(|l| l.tag_name().name() == "lvl")
                .filter_map(|l| {
                    let level = attr(l, "ilvl")?.parse().ok()?;
                    let fmt = child(l, "numFmt").and_then(|f| attr(f, "val"));
                    Some((level, !matches!(fmt, None | Some("bullet" | "none"))))
                })
                .collect();
            Some((attr(n, "abstractNumId")?, levels))
        })
        .collect();
    let mut ordered = HashMap::new();
    for num in doc.descendants().filter(|n| n.tag_name().name() == "num") {
        let Some(id) = attr(num, "numId") else {
            continue;
        };
        let abstract_id = child(num, "abstractNumId").and_then(|a| attr(a, "val"));
        for (level, numbered) in abstract_id
            .and_then(|a| abstract_levels.get(a))
            .into_iter()
            .flatten()
        {
            ordered.insert((id.to_string(), *level), *numbered);
        }
    }
    ordered
}

fn footnotes(package: &Package) -> HashMap<String, Vec<Inline>> {
    let Some(xml) = text_of(&package.files, "word/footnotes.xml") else {
        return HashMap::new();
    };
    let Ok(doc) = Document::parse(&xml) else {
        return HashMap::new();
    };
    // Footnote text never holds images or further notes, so a scratch package will do.
    let mut scratch = Package {
        files: HashMap::new(),
        rels: HashMap::new(),
        heading_styles: HashMap::new(),
        ordered: HashMap::new(),
        notes: HashMap::new(),
        note_bodies: HashMap::new(),
        collected_notes: Vec::new(),
    };
    doc.descendants()
        .filter(|n| n.tag_name().name() == "footnote" && attr(*n, "type").is_none())
        .filter_map(|n| {
            let mut inlines = Vec::new();
            for p in n.children().filter(|c| c.tag_name().name() == "p") {
                runs(&mut scratch, p, &mut inlines);
            }
            Some((attr(n, "id")?.to_string(), inlines))
        })
        .collect()
}

/// The block-level children of `body` (or a table cell).
fn blocks(package: &mut Package, parent: Node<'_, '_>, out: &mut Vec<Block>) {
    for node in parent.children().filter(Node::is_element) {
        match node.tag_name().name() {
            "p" => paragraph(package, node, out),
            "tbl" => out.push(table(package, node)),
            "sdt" | "sdtContent" | "ins" | "moveTo" | "customXml" => blocks(package, node, out),
            _ => {}
        }
    }
}

fn paragraph(package: &mut Package, p: Node<'_, '_>, out: &mut Vec<Block>) {
    let mut inlines = Vec::new();
    runs(package, p, &mut inlines);
    let props = child(p, "pPr");
    let style = props
        .and_then(|pr| child(pr, "pStyle"))
        .and_then(|s| attr(s, "val"));
    let outline = props
        .and_then(|pr| child(pr, "outlineLvl"))
        .and_then(|o| attr(o, "val")?.parse::<u8>().ok())
        .map(|l| l + 1);
    let level = style
        .and_then(|s| package.heading_styles.get(s).copied())
        .or(outline);
    let numbering = props.and_then(|pr| child(pr, "numPr"));
    let list = numbering
        .and_then(|n| child(n, "numId"))
        .and_then(|n| attr(n, "val"))
        .filter(|id| *id != "0");
    let depth = numbering
        .and_then(|n| child(n, "ilvl"))
        .and_then(|l| attr(l, "val")?.parse::<usize>().ok())
        .unwrap_or(0);
    if super::plain(&inlines).trim().is_empty()
        && !inlines.iter().any(|i| matches!(i, Inline::Image(_)))
    {
        return;
    }
    if let Some(level) = level {
        out.push(Block::Heading(level.min(6), inlines));
    } else if let Some(id) = list {
        let key = (id.to_string(), depth);
        let ordered = package.ordered.get(&key).copied().unwrap_or(false);
        super::push_list_item(out, depth, ordered, ListItem::new(inlines));
    } else {
        out.push(Block::Paragraph(inlines));
    }
}

fn table(package: &mut Package, tbl: Node<'_, '_>) -> Block {
    let rows = tbl
        .children()
        .filter(|r| r.tag_name().name() == "tr")
        .map(|row| {
            row.children()
                .filter(|c| c.tag_name().name() == "tc")
                .map(|cell| table_cell(package, cell))
                .collect()
        })
        .collect();
    table::lay_out(rows)
}

/// A cell's paragraphs as one line, with its span: `gridSpan` columns, and `vMerge`
/// (`restart` opens a merged cell, a bare `vMerge` continues the one above).
fn table_cell(package: &mut Package, cell: Node<'_, '_>) -> Cell {
    let mut inlines = Vec::new();
    for p in cell.children().filter(|c| c.tag_name().name() == "p") {
        if !inlines.is_empty() {
            inlines.push(Inline::Text(" ".into()));
        }
        runs(package, p, &mut inlines);
    }
    let props = child(cell, "tcPr");
    let columns = props
        .and_then(|p| child(p, "gridSpan"))
        .and_then(|g| attr(g, "val")?.parse().ok())
        .unwrap_or(1);
    let continues = props
        .and_then(|p| child(p, "vMerge"))
        .is_some_and(|v| !matches!(attr(v, "val"), Some("restart")));
    Cell {
        inlines,
        columns,
        rows: if continues {
            Rows::ContinuesAbove
        } else {
            Rows::Down(1)
        },
    }
}

/// The inline content of a paragraph (or of a hyperlink, an insertion …).
fn runs(package: &mut Package, parent: Node<'_, '_>, out: &mut Vec<Inline>) {
    for node in parent.children().filter(Node::is_element) {
        match node.tag_name().name() {
            "r" => run(package, node, out),
            "ins" | "moveTo" | "smartTag" | "sdt" | "sdtContent" | "fldSimple" | "customXml" => {
                runs(package, node, out)
            }
            "hyperlink" => {
                let mut children = Vec::new();
                runs(package, node, &mut children);
                match attr(node, "id").and_then(|id| package.rels.get(id)) {
                    Some(href) if href.starts_with("http") || href.starts_with("mailto:") => out
                        .push(Inline::Link {
                            href: href.clone(),
                            children,
                        }),
                    _ => out.extend(children),
                }
            }
            // Tracked deletions ("del", "moveFrom"), comments and properties: dropped.
            _ => {}
        }
    }
}

fn run(package: &mut Package, r: Node<'_, '_>, out: &mut Vec<Inline>) {
    let props = child(r, "rPr");
    let on = |name: &str| {
        props
            .and_then(|p| child(p, name))
            .is_some_and(|b| !matches!(attr(b, "val"), Some("0" | "false" | "none")))
    };
    let mut inlines = Vec::new();
    // `mc:AlternateContent` groups already read: one picture each.
    let mut groups = Vec::new();
    for node in r.descendants().filter(Node::is_element) {
        match node.tag_name().name() {
            "t" if !in_fallback(node, r) => {
                inlines.push(Inline::Text(node.text().unwrap_or("").to_string()))
            }
            "tab" if node.parent().is_some_and(|p| p == r) => {
                inlines.push(Inline::Text(" ".into()))
            }
            "footnoteReference" => {
                let Some(id) = attr(node, "id") else { continue };
                let Some(body) = package.note_bodies.get(id).cloned() else {
                    continue;
                };
                let next = package.collected_notes.len();
                let index = *package.notes.entry(id.to_string()).or_insert(next);
                if index == next {
                    package.collected_notes.push(body);
                }
                inlines.push(Inline::Note(index));
            }
            "blip" | "imagedata" => {
                let within = |name: &str| {
                    node.ancestors()
                        .take_while(|a| *a != r)
                        .find(|a| a.tag_name().name() == name)
                };
                if within("txbxContent").is_some() {
                    continue;
                }
                let found = match within("AlternateContent") {
                    Some(group) if groups.contains(&group.id()) => None,
                    Some(group) => {
                        groups.push(group.id());
                        alternative_picture(package, group, r)
                    }
                    None => picture_at(package, node, r),
                };
                inlines.extend(found.map(Inline::Image));
            }
            _ => {}
        }
    }
    let inlines = if on("i") {
        vec![Inline::Emphasis(inlines)]
    } else {
        inlines
    };
    let inlines = if on("b") {
        vec![Inline::Strong(inlines)]
    } else {
        inlines
    };
    out.extend(inlines);
}

/// The picture of an `mc:AlternateContent`: its `mc:Choice`, unless only a fallback is in a
/// format a web page can show (an EMF drawing with a PNG copy for old readers).
fn alternative_picture(package: &Package, group: Node<'_, '_>, r: Node<'_, '_>) -> Option<Picture> {
    let candidates: Vec<Picture> = group
        .descendants()
        .filter(|n| matches!(n.tag_name().name(), "blip" | "imagedata"))
        .filter_map(|n| picture_at(package, n, r))
        .collect();
    let shown = candidates.iter().position(|p| match &p.source {
        PictureSource::Embedded { bytes, .. } => super::image_extension(bytes).is_some(),
        _ => false,
    });
    candidates.into_iter().nth(shown.unwrap_or(0))
}

/// The embedded image a `a:blip` or `v:imagedata` points at, described by the drawing's
/// `descr` or the VML `o:title`.
fn picture_at(package: &Package, node: Node<'_, '_>, r: Node<'_, '_>) -> Option<Picture> {
    let id = attr(node, "embed").or_else(|| attr(node, "id"))?;
    let path = resolve(package.rels.get(id)?);
    let bytes = package.files.get(&path)?;
    let alt = r
        .descendants()
        .find(|d| d.tag_name().name() == "docPr")
        .and_then(|d| attr(d, "descr"))
        .or_else(|| attr(node, "title"))
        .unwrap_or("")
        .to_string();
    Some(Picture {
        source: PictureSource::Embedded {
            name: path.clone(),
            bytes: bytes.clone(),
        },
        alt,
    })
}

/// Inside `mc:Fallback` (the copy of a drawing for old readers; `mc:Choice` is used) or a
/// text box (drawn over the page, not part of the text).
fn in_fallback(node: Node<'_, '_>, stop: Node<'_, '_>) -> bool {
    node.ancestors()
        .take_while(|a| *a != stop)
        .any(|a| matches!(a.tag_name().name(), "Fallback" | "txbxContent"))
}

/// A relationship target (`media/image1.png`, `/word/media/a.png`) → its name in the zip.
fn resolve(target: &str) -> String {
    match target.strip_prefix('/') {
        Some(absolute) => absolute.to_string(),
        None => format!("word/{}", target.trim_start_matches("./")),
    }
}
