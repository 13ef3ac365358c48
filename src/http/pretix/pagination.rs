//! pretix's paginated list body: `{count, next, previous, results}` with absolute links that
//! keep the request's other query parameters.

use axum::http::{HeaderMap, Uri, header};
use serde::Serialize;
use url::Url;

use crate::pagination::Page;

#[derive(Serialize, utoipa::ToSchema)]
pub struct Paginated<T> {
    pub count: u64,
    pub next: Option<String>,
    pub previous: Option<String>,
    pub results: Vec<T>,
}

/// The absolute URL of this request with `page` set to `page` (removed for page 1), query
/// parameters sorted by name as Django re-encodes them.
fn page_link(headers: &HeaderMap, uri: &Uri, page: u32) -> Option<String> {
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("localhost");
    let mut url = Url::parse(&format!("http://{host}{}", uri.path())).ok()?;
    let mut pairs: Vec<(String, String)> = Url::parse(&format!("http://x/?{}", uri.query().unwrap_or("")))
        .ok()?
        .query_pairs()
        .filter(|(k, _)| k != "page")
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    if page > 1 {
        pairs.push(("page".into(), page.to_string()));
    }
    pairs.sort_by(|a, b| a.0.cmp(&b.0));
    if pairs.is_empty() {
        url.set_query(None);
    } else {
        url.query_pairs_mut().extend_pairs(pairs);
    }
    Some(url.to_string())
}

pub fn paginated<T>(page: Page<T>, headers: &HeaderMap, uri: &Uri) -> Paginated<T> {
    let next = page.has_next().then(|| page_link(headers, uri, page.page + 1)).flatten();
    let previous = page.has_previous().then(|| page_link(headers, uri, page.page - 1)).flatten();
    Paginated { count: page.count, next, previous, results: page.items }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers() -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::HOST, "desk.local:8421".parse().unwrap());
        h
    }

    #[test]
    fn next_links_are_absolute_and_keep_other_parameters() {
        let uri: Uri = "/api/v1/organizers/demo/customers/?page_size=10&email=a%40b.de".parse().unwrap();
        let page = Page { count: 30, page: 1, page_size: 10, items: vec![()] };
        let body = paginated(page, &headers(), &uri);
        assert_eq!(
            body.next.as_deref(),
            Some(
                "http://desk.local:8421/api/v1/organizers/demo/customers/?email=a%40b.de&page=2&page_size=10"
            )
        );
        assert_eq!(body.previous, None);
    }

    #[test]
    fn the_link_to_page_one_drops_the_page_parameter() {
        let uri: Uri = "/api/v1/organizers/demo/customers/?page=2".parse().unwrap();
        let page = Page { count: 60, page: 2, page_size: 50, items: vec![()] };
        let body = paginated(page, &headers(), &uri);
        assert_eq!(
            body.previous.as_deref(),
            Some("http://desk.local:8421/api/v1/organizers/demo/customers/")
        );
        assert_eq!(body.next, None);
    }
}
