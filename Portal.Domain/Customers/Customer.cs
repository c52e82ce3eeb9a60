namespace Portal.Domain.Customers;

/// <summary>A person or business that owes an organisation money. Identified by the ERP's own reference.</summary>
public class Customer
{
    private Customer() { }

    public Customer(long organisationId, string customerRef, CustomerDetails details, DateTime nowUtc)
    {
        OrganisationId = organisationId;
        CustomerRef = customerRef;
        CreatedAtUtc = nowUtc;
        Apply(details);
        UpdatedAtUtc = nowUtc;
    }

    public long Id { get; private set; }
    public long OrganisationId { get; private set; }
    public string CustomerRef { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string? Email { get; private set; }
    public string? Phone { get; private set; }
    /// <summary>The customer's language as a two-letter code, when the ERP knows it.</summary>
    public string? Language { get; private set; }
    public Address? Address { get; private set; }
    /// <summary>How the customer wants to hear from the organisation; null: e-mail when known, then text message, then letter.</summary>
    public Messages.MessageChannel? PreferredChannel { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime UpdatedAtUtc { get; private set; }

    /// <summary>Applies the ERP's view; returns whether anything changed.</summary>
    public bool Update(CustomerDetails details, DateTime nowUtc) => UpdateFromErp(details, null, nowUtc);

    /// <summary>
    /// Applies the ERP's view, meeting a change the customer made that the ERP has not taken over yet
    /// (<see cref="CustomerChange.Meet"/>); a null channel leaves the stored one. Returns whether anything changed.
    /// </summary>
    public bool UpdateFromErp(CustomerDetails details, Messages.MessageChannel? channel, DateTime nowUtc)
    {
        var pending = PendingChange;
        var (effective, effectiveChannel, remaining) = CustomerChange.Meet(details, channel, Contact, pending);
        var json = CustomerChange.ToJson(remaining);
        var changed = json != CustomerChangeJson;
        CustomerChangeJson = json;
        if (effective != Details)
        {
            Apply(effective);
            changed = true;
        }
        if (effectiveChannel is not null && effectiveChannel != PreferredChannel)
        {
            PreferredChannel = effectiveChannel;
            changed = true;
        }
        if (changed) UpdatedAtUtc = nowUtc;
        return changed;
    }

    /// <summary>The contact details as they stand, for the customer's own page.</summary>
    public ContactDetails Contact => new(Email, Phone, Address, Language, PreferredChannel);

    /// <summary>The customer's own change the ERP has not taken over yet, as JSON (<see cref="CustomerChange"/>); null: none.</summary>
    public string? CustomerChangeJson { get; private set; }

    public CustomerChange? PendingChange => CustomerChange.FromJson(CustomerChangeJson);

    /// <summary>The customer changed their own contact details (after proving it is them); returns the fields that changed.</summary>
    public IReadOnlyList<string> ChangeContact(ContactDetails contact, DateTime nowUtc)
    {
        var before = Contact;
        var changed = contact.ChangedFrom(before);
        if (changed.Count == 0) return changed;
        CustomerChangeJson = CustomerChange.ToJson(CustomerChange.Add(PendingChange, changed, before, nowUtc));
        Email = contact.Email;
        Phone = contact.Phone;
        Address = contact.Address;
        Language = contact.Language?.ToLowerInvariant();
        PreferredChannel = contact.PreferredChannel;
        UpdatedAtUtc = nowUtc;
        return changed;
    }

    /// <summary>Sets the channel messages go by when none is chosen; returns whether it changed.</summary>
    public bool SetPreferredChannel(Messages.MessageChannel? channel, DateTime nowUtc)
    {
        if (channel == PreferredChannel) return false;
        PreferredChannel = channel;
        UpdatedAtUtc = nowUtc;
        return true;
    }

    /// <summary>The day of the month the customer chose for their direct debit (1 to 31); null: none chosen.</summary>
    public int? CollectionDay { get; private set; }

    /// <summary>Sets or clears the collection day; returns whether it changed.</summary>
    public bool ChooseCollectionDay(int? day, DateTime nowUtc)
    {
        if (day is { } d && !DirectDebit.CollectionCalendar.IsDay(d)) throw new ArgumentOutOfRangeException(nameof(day), day, "A collection day is 1 to 31.");
        if (CollectionDay == day) return false;
        CollectionDay = day;
        UpdatedAtUtc = nowUtc;
        return true;
    }

    public CustomerDetails Details => new(Name, Email, Phone, Language, Address);

    private void Apply(CustomerDetails details)
    {
        Name = details.Name;
        Email = details.Email;
        Phone = details.Phone;
        Language = details.Language?.ToLowerInvariant();
        Address = details.Address;
    }
}
