using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Portal.Infrastructure.Invoices;

/// <summary>Where a page of invoices ended: an opaque, stable keyset cursor (change time, id).</summary>
public record InvoiceCursor(DateTime ChangedAtUtc, long Id)
{
    public string Encode() =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes(
            ChangedAtUtc.Ticks.ToString(CultureInfo.InvariantCulture) + "." + Id.ToString(CultureInfo.InvariantCulture)));

    public static bool TryDecode(string? text, out InvoiceCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(text) || text.Length > 64 || !Base64Url.IsValid(text)) return false;
        var parts = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(text)).Split('.');
        if (parts.Length != 2
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            || ticks > DateTime.MaxValue.Ticks) return false;
        cursor = new InvoiceCursor(new DateTime(ticks, DateTimeKind.Utc), id);
        return true;
    }
}
