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

/// The built-in waiting-list voucher mail, with the same placeholders staff may use in their own
/// texts.
pub(crate) fn waiting_list_default(locale: &str) -> (&'static str, &'static str) {
    if locale.starts_with("de") {
        (
            "Ihr Platz für {event} ist frei",
            "Hallo {name},\n\nfür {event} ist wieder ein Platz frei: {product}.\n\n\
             Ihr Gutscheincode: {code}\n\nDer Gutschein gilt {hours} Stunden, bis {valid_until}. \
             Danach geht der Platz an die nächste Person auf der Warteliste.\n\nViele Grüße\n{organizer}\n",
        )
    } else {
        (
            "A place for {event} is free",
            "Hello {name},\n\na place for {event} is free again: {product}.\n\n\
             Your voucher code: {code}\n\nThe voucher is valid for {hours} hours, until {valid_until}. \
             After that, the place goes to the next person on the waiting list.\n\nBest regards,\n{organizer}\n",
        )
    }
}

/// Fills `{placeholder}`s; unknown ones are left as they are.
pub(crate) fn fill(text: &str, values: &[(&str, &str)]) -> String {
    let mut out = text.to_string();
    for (key, value) in values {
        out = out.replace(&format!("{{{key}}}"), value);
    }
    out
}

/// Subject and body of the mail to someone invited to a team who has no staff account yet.
pub(crate) fn team_invite(organizer: &str, team: &str) -> (String, String) {
    (
        format!("You are invited to the team \"{team}\" at {organizer}"),
        format!(
            "Hello,\n\nyou have been invited to join the team \"{team}\" at {organizer} in Tessera, the box \
             office system.\n\nTo accept, ask an administrator at the box office to create your staff account \
             with this email address. You will be a member of the team as soon as the account exists.\n\n\
             Best regards,\n{organizer}\n"
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled_and_unknown_ones_kept() {
        assert_eq!(fill("Hi {name}, {code} {x}", &[("name", "Ada"), ("code", "ABC")]), "Hi Ada, ABC {x}");
    }

    #[test]
    fn the_waiting_list_mail_speaks_german_to_german_speakers() {
        assert!(waiting_list_default("de-informal").1.contains("Gutscheincode"));
        assert!(waiting_list_default("fr").1.contains("voucher code"));
    }
}
