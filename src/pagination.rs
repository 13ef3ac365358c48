//! Page-number pagination as pretix does it: 1-based pages, `last` for the last page, at most 50
//! items a page; a page past the end is an error, except page 1 of an empty list.

use serde::Serialize;

use crate::error::{Error, Result};

pub const MAX_PAGE_SIZE: u32 = 50;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageNumber {
    Number(u32),
    Last,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    pub page: PageNumber,
    pub page_size: u32,
}

impl Default for PageRequest {
    fn default() -> Self {
        PageRequest { page: PageNumber::Number(1), page_size: MAX_PAGE_SIZE }
    }
}

impl PageRequest {
    /// Reads `page` and `page_size` as query parameters carry them. A `page_size` that is not a
    /// positive number is ignored and one above the maximum is clamped. Errors: `invalid_page` for
    /// a page that is not a positive number or `last`.
    pub fn parse(page: Option<&str>, page_size: Option<&str>) -> Result<PageRequest> {
        let page = match page {
            None => PageNumber::Number(1),
            Some("last") => PageNumber::Last,
            Some(raw) => match raw.parse::<u32>() {
                Ok(n) if n >= 1 => PageNumber::Number(n),
                _ => return Err(Error::InvalidPage),
            },
        };
        let page_size = page_size
            .and_then(|s| s.parse::<i64>().ok())
            .filter(|n| *n > 0)
            .map(|n| n.min(MAX_PAGE_SIZE as i64) as u32)
            .unwrap_or(MAX_PAGE_SIZE);
        Ok(PageRequest { page, page_size })
    }

    /// One page of a list already in memory (short lists: organizers, teams, types, devices).
    /// Errors: `invalid_page` past the end.
    pub fn slice<T>(&self, all: Vec<T>) -> Result<Page<T>> {
        let count = all.len() as u64;
        let page = self.resolve(count)?;
        let skip = (page as usize - 1) * self.page_size as usize;
        let items = all.into_iter().skip(skip).take(self.page_size as usize).collect();
        Ok(Page { count, page, page_size: self.page_size, items })
    }

    /// The 1-based page to show for `count` items. Errors: `invalid_page` past the end.
    pub fn resolve(&self, count: u64) -> Result<u32> {
        let pages = count.div_ceil(self.page_size as u64).max(1);
        let page = match self.page {
            PageNumber::Last => pages as u32,
            PageNumber::Number(n) => n,
        };
        if page as u64 > pages { Err(Error::InvalidPage) } else { Ok(page) }
    }
}

/// One page of a list, with the total count across all pages.
#[derive(Debug, Clone, Serialize)]
pub struct Page<T> {
    pub count: u64,
    pub page: u32,
    pub page_size: u32,
    pub items: Vec<T>,
}

impl<T> Page<T> {
    pub fn has_next(&self) -> bool {
        (self.page as u64) * (self.page_size as u64) < self.count
    }

    pub fn has_previous(&self) -> bool {
        self.page > 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_size_is_clamped_and_nonsense_ignored() {
        assert_eq!(PageRequest::parse(None, Some("500")).unwrap().page_size, 50);
        assert_eq!(PageRequest::parse(None, Some("10")).unwrap().page_size, 10);
        for ignored in ["0", "-3", "abc"] {
            assert_eq!(PageRequest::parse(None, Some(ignored)).unwrap().page_size, 50, "{ignored}");
        }
    }

    #[test]
    fn page_zero_or_text_is_an_invalid_page() {
        for bad in ["0", "-1", "two"] {
            assert!(matches!(PageRequest::parse(Some(bad), None), Err(Error::InvalidPage)), "{bad}");
        }
    }

    #[test]
    fn last_resolves_to_the_last_page_and_past_the_end_is_invalid() {
        let last = PageRequest::parse(Some("last"), Some("10")).unwrap();
        assert_eq!(last.resolve(25).unwrap(), 3);
        let past = PageRequest::parse(Some("4"), Some("10")).unwrap();
        assert!(past.resolve(25).is_err());
    }

    #[test]
    fn page_one_of_an_empty_list_is_valid() {
        assert_eq!(PageRequest::default().resolve(0).unwrap(), 1);
        assert_eq!(PageRequest::parse(Some("last"), None).unwrap().resolve(0).unwrap(), 1);
    }

    #[test]
    fn a_list_in_memory_is_sliced_into_its_page() {
        let request = PageRequest::parse(Some("2"), Some("2")).unwrap();
        let page = request.slice(vec![1, 2, 3, 4, 5]).unwrap();
        assert_eq!((page.count, page.page, page.items), (5, 2, vec![3, 4]));
        assert!(PageRequest::parse(Some("4"), Some("2")).unwrap().slice(vec![1, 2, 3]).is_err());
    }

    #[test]
    fn next_and_previous_follow_the_count() {
        let page = Page::<()> { count: 120, page: 2, page_size: 50, items: vec![] };
        assert!(page.has_next() && page.has_previous());
        let last = Page::<()> { count: 100, page: 2, page_size: 50, items: vec![] };
        assert!(!last.has_next());
    }
}
