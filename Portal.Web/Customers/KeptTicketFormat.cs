using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authentication;

namespace Portal.Web.Customers;

/// <summary>
/// Reads the customer's session cookie once per node instead of on every request. Unprotecting it (Data Protection's
/// key derivation, AES and HMAC) cost more than the session's database check; a cookie's text never changes what it
/// says, so the result is kept under that text for a few minutes. Only cookies that unprotected are kept, each request
/// gets its own copy of the principal, and the handler still refuses an expired ticket, and the page still checks
/// the pay link in the database every time, so a revoked link stops on the next click as before.
/// </summary>
public sealed class KeptTicketFormat(ISecureDataFormat<AuthenticationTicket> inner, TimeProvider clock) : ISecureDataFormat<AuthenticationTicket>
{
    /// <summary>Sessions kept per node; past this the oldest half is dropped (a busy morning, not a leak).</summary>
    public const int Capacity = 20_000;
    public static readonly TimeSpan KeepFor = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, (AuthenticationTicket Ticket, DateTimeOffset Until)> _kept = new(StringComparer.Ordinal);

    public string Protect(AuthenticationTicket data) => inner.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        if (protectedText is null || purpose is not null) return inner.Unprotect(protectedText, purpose);
        var now = clock.GetUtcNow();
        if (_kept.TryGetValue(protectedText, out var kept) && kept.Until > now) return Copy(kept.Ticket);

        var ticket = inner.Unprotect(protectedText);
        if (ticket is null) return null;
        if (_kept.Count >= Capacity) Trim(now);
        _kept[protectedText] = (ticket, now + KeepFor);
        return Copy(ticket);
    }

    private void Trim(DateTimeOffset now)
    {
        foreach (var (text, kept) in _kept)
            if (kept.Until <= now) _kept.TryRemove(text, out _);
        if (_kept.Count < Capacity) return;
        foreach (var text in _kept.OrderBy(k => k.Value.Until).Take(Capacity / 2).Select(k => k.Key).ToList())
            _kept.TryRemove(text, out _);
    }

    private static AuthenticationTicket Copy(AuthenticationTicket ticket) =>
        new(ticket.Principal.Clone(), ticket.Properties.Clone(), ticket.AuthenticationScheme);
}
