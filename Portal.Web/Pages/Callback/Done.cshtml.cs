using Microsoft.AspNetCore.Mvc;
using Portal.Domain.Messages;
using Portal.Infrastructure.Callbacks;

namespace Portal.Web.Pages.Callback;

/// <summary>The call-back the customer has waiting, with a way to move or cancel it; after cancelling, that it is cancelled.</summary>
public class DoneModel(CallbackService callbacks) : Customers.CustomerPageModel
{
    [BindProperty(SupportsGet = true)]
    public bool Cancelled { get; set; }

    public CallbackView? Current { get; private set; }

    public string? MaskedPhone => Current is null ? null : ContactMask.Phone(Current.Phone);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Organisation.Callbacks.Enabled) return NotFound();
        Current = (await callbacks.OfferAsync(Scope, Organisation.Callbacks, ct)).Current;
        return Current is null && !Cancelled ? SeeOther("/callback") : Page();
    }

    public async Task<IActionResult> OnPostCancelAsync(CancellationToken ct)
    {
        if (!Organisation.Callbacks.Enabled) return NotFound();
        await callbacks.CancelAsync(Scope, ct);
        return SeeOther("/callback/done?cancelled=true");
    }
}
