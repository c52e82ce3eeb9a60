using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Messages;
using Portal.Infrastructure.Database;
using Portal.Infrastructure.Messages;

namespace Portal.Web.Pages.Dev;

/// <summary>
/// Development only: the messages Portal kept instead of sending (no mail server or SMS gateway is set up), newest
/// first, with their text and links, so the demo's pay-link e-mail can be opened offline. 404 in any other environment.
/// </summary>
public class OutboxModel(IHostEnvironment environment, PortalDbContext db, MessageService messages) : PageModel
{
    public sealed record Row(long Id, string Organisation, string CustomerRef, string Kind, string Channel, string Status, string To,
        DateTime CreatedAtUtc, MessageTexts Content);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!environment.IsDevelopment()) return NotFound();
        var latest = await db.Messages.AsNoTracking().OrderByDescending(m => m.Id).Take(50)
            .Join(db.Customers, m => m.CustomerId, c => c.Id, (m, c) => new { Message = m, c.CustomerRef })
            .Join(db.Organisations, x => x.Message.OrganisationId, o => o.Id, (x, o) => new { x.Message, x.CustomerRef, Organisation = o.Name })
            .OrderByDescending(x => x.Message.Id).ToListAsync(ct);
        Rows = [.. latest.Select(x => new Row(x.Message.Id, x.Organisation, x.CustomerRef, x.Message.Kind.Name(), x.Message.Channel.Name(),
            x.Message.Status.Name(), x.Message.Recipient, x.Message.CreatedAtUtc, messages.Content(x.Message)))];
        return Page();
    }
}
