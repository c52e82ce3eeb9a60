namespace Portal.Sandbox;

/// <summary>
/// Lets time do in the sandbox what it does at Mollie — checkouts expire, direct debits are collected, refunds paid
/// out — every <c>Portal:Payments:Sandbox:TickEvery</c> (30 s in Development). Off in tests, which move their own
/// clock and call <c>POST /mollie-sandbox/__control/clock/tick</c>.
/// </summary>
public sealed class SandboxClock(SandboxStore store, SandboxWebhooks webhooks, Microsoft.Extensions.Options.IOptions<SandboxOptions> options, IHostEnvironment environment,
    ILogger<SandboxClock> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = options.Value.TickEvery ?? (environment.IsDevelopment() ? TimeSpan.FromSeconds(30) : TimeSpan.Zero);
        if (every <= TimeSpan.Zero) return;
        using var timer = new PeriodicTimer(every);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SandboxCheckoutEndpoints.TickAsync(store, webhooks, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "The sandbox clock could not move the payments on.");
            }
        }
    }
}
