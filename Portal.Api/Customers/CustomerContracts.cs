using Portal.Api.Http;
using Portal.Domain.Customers;
using Portal.Domain.Invoices;

namespace Portal.Api.Customers;

/// <summary>PUT /api/v1/customers/{customerRef}.</summary>
public record CustomerRequest(string? Name, string? Email, string? Phone, string? Language, AddressDto? Address, string? PreferredChannel = null)
{
    /// <summary>The channel sent, or null when none was (the stored one stays); false with an error when it is not one.</summary>
    public bool TryPreferredChannel(List<RuleViolation> errors, out Portal.Domain.Messages.MessageChannel? channel)
    {
        channel = null;
        if (PreferredChannel is null) return true;
        if (Portal.Domain.Messages.MessageNames.TryParseChannel(PreferredChannel, out var parsed))
        {
            channel = parsed;
            return true;
        }
        errors.Add(new("preferredChannel", $"'preferredChannel' is one of {string.Join(", ", Portal.Domain.Messages.MessageNames.ChannelNames)}."));
        return false;
    }

    /// <summary>
    /// This request's checks, each broken one added to <paramref name="errors"/> by its JSON field; the customer as it
    /// is stored (name trimmed, phone in E.164, language and country in their usual case), or null when any failed.
    /// </summary>
    public CustomerDetails? ToDetails(List<RuleViolation> errors)
    {
        var before = errors.Count;
        if (string.IsNullOrWhiteSpace(Name)) errors.Add(new("name", "'name' is required."));
        else if (Name.Length > 200) errors.Add(new("name", "'name' is at most 200 characters."));
        else RequestMapping.OneLine(Name, "name", errors);
        if (Email is not null && !FieldRules.IsEmail(Email))
            errors.Add(new("email", $"'email' is one address such as name@example.com: one @, a dot in the domain, no spaces or control characters, at most {FieldRules.MaxEmail} characters."));
        string? e164 = null;
        if (Phone is not null && (Phone.Length > 40 || !FieldRules.IsOneLine(Phone) || (e164 = FieldRules.ToE164Phone(Phone)) is null))
            errors.Add(new("phone", "'phone' is a phone number that can be called, such as 020 765 43 21 or +31 20 765 43 21 (at most 40 characters; without a country code it is Dutch)."));
        // The languages Portal's pages are written in: a customer's language is one their pages can be shown in.
        if (Language is not null && !Portal.Domain.Language.SupportedLanguages.IsSupported(Language))
            errors.Add(new("language", $"'language' is one of {string.Join(", ", Portal.Domain.Language.SupportedLanguages.Codes)}."));
        Address?.Check(errors);
        if (errors.Count > before) return null;
        return new CustomerDetails(Name!.Trim(), Email, e164, Language?.ToLowerInvariant(), Address?.ToAddress());
    }
}

public record AddressDto(string? Line1, string? Line2, string? PostalCode, string? City, string? Country)
{
    /// <summary>An address is sent whole or not at all: line1, postal code, city and a two-letter country.</summary>
    public void Check(List<RuleViolation> errors)
    {
        if (string.IsNullOrWhiteSpace(Line1)) errors.Add(new("address.line1", "'address.line1' is required when an address is sent."));
        if (string.IsNullOrWhiteSpace(PostalCode)) errors.Add(new("address.postalCode", "'address.postalCode' is required when an address is sent."));
        if (string.IsNullOrWhiteSpace(City)) errors.Add(new("address.city", "'address.city' is required when an address is sent."));
        if (Country is null || Country.Length != 2 || !Country.All(char.IsAsciiLetter))
            errors.Add(new("address.country", "'address.country' is a two-letter ISO 3166 code, such as NL."));
        if ((Line1?.Length ?? 0) > 200 || (Line2?.Length ?? 0) > 200 || (PostalCode?.Length ?? 0) > 20 || (City?.Length ?? 0) > 100)
            errors.Add(new("address", "Address lines are at most 200 characters, the postal code 20 and the city 100."));
        RequestMapping.OneLine(Line1, "address.line1", errors);
        RequestMapping.OneLine(Line2, "address.line2", errors);
        RequestMapping.OneLine(PostalCode, "address.postalCode", errors);
        RequestMapping.OneLine(City, "address.city", errors);
    }

    /// <summary>The address as it is stored, once <see cref="Check"/> found nothing wrong.</summary>
    public Address ToAddress() => new(Line1!, Line2, PostalCode!, City!, Country!.ToUpperInvariant());
}

public record CustomerResponse(string CustomerRef, string Name, string? Email, string? Phone, string? Language, AddressDto? Address, DateTime UpdatedAt,
    string? PreferredChannel = null);
