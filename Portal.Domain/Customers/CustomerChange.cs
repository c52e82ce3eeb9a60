using System.Text.Json;
using System.Text.Json.Serialization;
using Portal.Domain.Messages;

namespace Portal.Domain.Customers;

/// <summary>The contact details a customer can change themselves: everything but the name.</summary>
public sealed record ContactDetails(string? Email, string? Phone, Address? Address, string? Language, MessageChannel? PreferredChannel)
{
    public static class Fields
    {
        public const string Email = "email";
        public const string Phone = "phone";
        public const string Address = "address";
        public const string Language = "language";
        public const string PreferredChannel = "preferredChannel";
        public static readonly IReadOnlyList<string> All = [Email, Phone, Address, Language, PreferredChannel];
    }

    /// <summary>The names of the fields that differ from <paramref name="before"/>, in <see cref="Fields.All"/>'s order.</summary>
    public IReadOnlyList<string> ChangedFrom(ContactDetails before)
    {
        var changed = new List<string>();
        if (Email != before.Email) changed.Add(Fields.Email);
        if (Phone != before.Phone) changed.Add(Fields.Phone);
        if (Address != before.Address) changed.Add(Fields.Address);
        if (Language != before.Language) changed.Add(Fields.Language);
        if (PreferredChannel != before.PreferredChannel) changed.Add(Fields.PreferredChannel);
        return changed;
    }
}

/// <summary>
/// A change the customer made that the ERP has not taken over yet: the fields they changed and what those held before.
/// The ERP stays the master, but an ERP that sends the values from before the customer's change (a nightly sync that
/// has not yet read <c>customer.contact_changed</c>) does not undo it; see <see cref="Meet"/>.
/// </summary>
public sealed record CustomerChange(DateTime AtUtc, IReadOnlyList<string> Fields, ContactDetails Before)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static CustomerChange? FromJson(string? json) =>
        string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<CustomerChange>(json, Json);

    public static string? ToJson(CustomerChange? change) => change is null || change.Fields.Count == 0 ? null : JsonSerializer.Serialize(change, Json);

    /// <summary>A change on top of one not yet taken over: the oldest value before each field stays what the ERP may still send.</summary>
    public static CustomerChange Add(CustomerChange? earlier, IReadOnlyList<string> fields, ContactDetails before, DateTime nowUtc)
    {
        if (earlier is null) return new CustomerChange(nowUtc, fields, before);
        var all = ContactDetails.Fields.All.Where(f => earlier.Fields.Contains(f) || fields.Contains(f)).ToList();
        var oldest = new ContactDetails(
            earlier.Fields.Contains(ContactDetails.Fields.Email) ? earlier.Before.Email : before.Email,
            earlier.Fields.Contains(ContactDetails.Fields.Phone) ? earlier.Before.Phone : before.Phone,
            earlier.Fields.Contains(ContactDetails.Fields.Address) ? earlier.Before.Address : before.Address,
            earlier.Fields.Contains(ContactDetails.Fields.Language) ? earlier.Before.Language : before.Language,
            earlier.Fields.Contains(ContactDetails.Fields.PreferredChannel) ? earlier.Before.PreferredChannel : before.PreferredChannel);
        return new CustomerChange(nowUtc, all, oldest);
    }

    /// <summary>
    /// How an update from the ERP meets the customer's newer change, field by field: where the ERP sends what the field
    /// held before the customer changed it, it has not taken the change over yet, so the customer's value stays (and
    /// stays protected); where it sends anything else, the customer's value included, the ERP's value counts and the
    /// field is no longer protected. Fields the customer did not change are the ERP's. A channel the ERP leaves out
    /// (null) leaves the stored one.
    /// </summary>
    /// <returns>The details to store and what remains protected (null: nothing).</returns>
    public static (CustomerDetails Details, MessageChannel? Channel, CustomerChange? Remaining) Meet(CustomerDetails fromErp, MessageChannel? channelFromErp,
        ContactDetails current, CustomerChange? change)
    {
        if (change is null) return (fromErp, channelFromErp, null);
        var kept = new List<string>();
        bool Stale<T>(string field, T erpValue, T before)
        {
            if (!change.Fields.Contains(field)) return false;
            if (EqualityComparer<T>.Default.Equals(erpValue, before))
            {
                kept.Add(field);
                return true;
            }
            return false;
        }
        var email = Stale(ContactDetails.Fields.Email, fromErp.Email, change.Before.Email) ? current.Email : fromErp.Email;
        var phone = Stale(ContactDetails.Fields.Phone, fromErp.Phone, change.Before.Phone) ? current.Phone : fromErp.Phone;
        var address = Stale(ContactDetails.Fields.Address, fromErp.Address, change.Before.Address) ? current.Address : fromErp.Address;
        var language = Stale(ContactDetails.Fields.Language, fromErp.Language?.ToLowerInvariant(), change.Before.Language) ? current.Language : fromErp.Language;
        MessageChannel? channel = channelFromErp;
        if (change.Fields.Contains(ContactDetails.Fields.PreferredChannel))
        {
            if (channelFromErp is null) kept.Add(ContactDetails.Fields.PreferredChannel);
            else if (channelFromErp == change.Before.PreferredChannel)
            {
                kept.Add(ContactDetails.Fields.PreferredChannel);
                channel = current.PreferredChannel;
            }
        }
        var remaining = kept.Count == 0 ? null : change with { Fields = kept };
        return (fromErp with { Email = email, Phone = phone, Address = address, Language = language }, channel, remaining);
    }
}
