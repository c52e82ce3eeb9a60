using Microsoft.Playwright;

namespace Portal.E2E.Infrastructure;

/// <summary>
/// One running app with its seeded data and one headless Chromium, shared by the tests of a class. Every test opens
/// its own browser context, so cookies (session, language) never leak from one test to the next.
/// </summary>
public class PortalFixture : IAsyncLifetime
{
    private const float Timeout = 20_000;

    private readonly IReadOnlyDictionary<string, string>? _settings;

    private TestDatabase? _database;
    private PortalFactory? _factory;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private SeededAccount? _account;

    public PortalFixture()
    {
    }

    /// <summary>For a fixture whose app needs <paramref name="settings"/> on top of <see cref="PortalFactory"/>'s.</summary>
    protected PortalFixture(IReadOnlyDictionary<string, string> settings) => _settings = settings;

    /// <summary>Where the app listens, such as <c>http://127.0.0.1:41234</c>.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public SeededAccount Account => _account ?? throw new InvalidOperationException(Chromium.MissingMessage);

    /// <summary>The app's services, to issue and revoke pay links as the ERP would.</summary>
    public IServiceProvider Services => _factory?.Services ?? throw new InvalidOperationException(Chromium.MissingMessage);

    /// <summary>Every line the app has logged so far.</summary>
    public IReadOnlyList<string> LogLines => _factory?.Logs.Lines ?? [];

    public async Task InitializeAsync()
    {
        var chromium = Chromium.Path;
        if (chromium is null)
        {
            // Without a browser the tests are skipped; under CI that is a failure.
            if (Chromium.Required) throw new InvalidOperationException(Chromium.MissingMessage + " CI=true, so this fails.");
            return;
        }

        try
        {
            _database = TestDatabase.FromEnvironment();
            _factory = new PortalFactory(_database, _settings);
            BaseAddress = _factory.Start();
            _account = await TestData.SeedAsync(_factory.Services);

            // Generous waits: CI machines are small and this suite runs beside others.
            Assertions.SetDefaultExpectTimeout(Timeout);
            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = chromium,
                Headless = true,
                Args = Chromium.Arguments,
            });
        }
        catch
        {
            // Leave no server or database behind when the start fails half-way.
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// A new customer of the seeded organisation with two open invoices and a pay link, so a test that pays starts
    /// from a clean slate and does not depend on what other tests paid.
    /// </summary>
    public Task<PayingCustomer> AddPayingCustomerAsync() => TestData.AddPayingCustomerAsync(Services, Account.OrganisationId);

    /// <summary>The ERP's side: the API with the seeded organisation's key.</summary>
    public ErpApi NewErpApi() => new(BaseAddress, Account.ApiKey);

    /// <summary>A fresh browser context (no cookies) at the given viewport width and pixel density, preferring Dutch like most customers.</summary>
    public async Task<IBrowserContext> NewContextAsync(int width = 1280, float deviceScaleFactor = 1)
    {
        var browser = _browser ?? throw new InvalidOperationException(Chromium.MissingMessage);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = 800 },
            Locale = "nl-NL",
            DeviceScaleFactor = deviceScaleFactor,
        });
        context.SetDefaultTimeout(Timeout);
        context.SetDefaultNavigationTimeout(Timeout);
        PageAudit.Watch(context, () => LogLines);
        return context;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _browser = null;
        _playwright?.Dispose();
        _playwright = null;
        if (_factory is not null) await _factory.DisposeAsync();
        _factory = null;
        if (_database is not null) await _database.DisposeAsync();
        _database = null;
    }
}
