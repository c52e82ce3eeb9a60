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
    public bool Update(CustomerDetails details, DateTime nowUtc)
    {
        if (details == Details) return false;
        Apply(details);
        UpdatedAtUtc = nowUtc;
        return true;
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
