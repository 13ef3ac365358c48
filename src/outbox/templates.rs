//! The texts of Tessera's mails, in English and German (pretix's two main languages); other
//! locales get English.

/// Subject and body of the mail a customer gets when an account is made for them.
pub(crate) fn customer_registration(
    locale: &str,
    name: &str,
    organizer: &str,
    identifier: &str,
) -> (String, String) {
    let greeting_name = if name.trim().is_empty() { None } else { Some(name.trim()) };
    if locale.starts_with("de") {
        let hello = greeting_name.map_or_else(|| "Hallo,".to_string(), |n| format!("Hallo {n},"));
        (
            format!("Ihr Kundenkonto bei {organizer}"),
            format!(
                "{hello}\n\nIhr Kundenkonto bei {organizer} wurde angelegt. Ihre Kundennummer ist {identifier}.\n\n\
                 Viele Grüße\n{organizer}\n"
            ),
        )
    } else {
        let hello = greeting_name.map_or_else(|| "Hello,".to_string(), |n| format!("Hello {n},"));
        (
            format!("Your customer account at {organizer}"),
            format!(
                "{hello}\n\nyour customer account at {organizer} has been created. Your customer number is \
                 {identifier}.\n\nBest regards,\n{organizer}\n"
            ),
        )
    }
}

/// Subject and body of the test mail sent from the SMTP settings.
pub(crate) fn test_mail(locale: &str, organizer: &str) -> (String, String) {
    if locale.starts_with("de") {
        (
            format!("Testnachricht von {organizer}"),
            format!("Diese Nachricht zeigt, dass der Mailversand von {organizer} funktioniert.\n"),
        )
    } else {
        (
            format!("Test message from {organizer}"),
            format!("This message shows that {organizer} can send mail.\n"),
        )
    }
}
