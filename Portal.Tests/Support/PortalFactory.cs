using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.TestHost;
using Portal.Infrastructure.Payments.Mollie;
using Portal.Sandbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Domain.Customers;
using Portal.Domain.Organisations;
using Portal.Infrastructure.ApiKeys;
using Portal.Infrastructure.Customers;
using Portal.Infrastructure.Database;
using Portal.Infrastructure.Invoices;
using Portal.Infrastructure.PayLinks;

namespace Portal.Tests.Support;

/// <summary>The whole app on a fresh database, with a clock the test controls. Seeds through the app's own services.</summary>
public class PortalFactory : WebApplicationFactory<Program>
{
    private readonly TestDatabase _database;
    private readonly bool _ownsDatabase;

    public PortalFactory() : this(new TestDatabase(), ownsDatabase: true) { }

    /// <summary>Another node on a database a test already has, to run two apps side by side; the test disposes the database.
    /// Not public: xunit builds fixtures through their one public constructor.</summary>
    internal PortalFactory(TestDatabase database) : this(database, ownsDatabase: false) { }

    private PortalFactory(TestDatabase database, bool ownsDatabase)
    {
        _database = database;
        _ownsDatabase = ownsDatabase;
    }

    public TestClock Clock { get; } = new();
    public string DatabaseProvider => _database.Provider;
    public List<string> LogLines { get; } = [];

    /// <summary>Stands in for the ERP's webhook receiver; tests that deliver webhooks set it.</summary>
    public HttpMessageHandler? ErpWebhookHandler { get; set; }

    /// <summary>Set before the first request to catch the sandbox's webhooks instead of delivering them to the app.</summary>
    public HttpMessageHandler? WebhookHandler { get; set; }

    /// <summary>A handler between Portal and the sandbox's Mollie API (to lose an answer, say); set through <see cref="WithMollieHandler"/>.</summary>
    public DelegatingHandler? MollieHandler { get; private set; }

    /// <summary>This app with <paramref name="handler"/> between Portal and Mollie; same database, its own sandbox and clock.</summary>
    public PortalFactory WithMollieHandler(DelegatingHandler handler) => new(_database, ownsDatabase: false) { MollieHandler = handler };

    /// <summary>Settings a test class needs on top of these defaults (its own factory type then gives it its own app).</summary>
    protected virtual IEnumerable<(string Key, string Value)> Settings => [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Portal:Database:Provider", _database.Provider);
        builder.UseSetting("ConnectionStrings:Portal", _database.ConnectionString);
        builder.UseSetting("Portal:Demo:Seed", "false");
        builder.UseSetting("Portal:Payments:Provider", "Sandbox");
        builder.UseSetting("Portal:Payments:Mollie:BaseUrl", "http://localhost/mollie-sandbox/v2/");
        builder.UseSetting("Portal:Payments:Mollie:RetryBaseDelay", "00:00:00.010");
        // Every test request comes from the same address; RateLimitTests switch the limits on with small numbers.
        builder.UseSetting("Portal:RateLimits:Enabled", "false");
        // Tests send the outbox themselves (MessageDispatcher.RunAsync), so the scheduled run stays out of their way.
        builder.UseSetting("Portal:Jobs:DeliverMessagesEvery", "01:00:00");
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            // Mollie calls and the sandbox's webhooks go through the test server instead of the network.
            var mollie = services.AddHttpClient<MollieClient>().ConfigurePrimaryHttpMessageHandler(sp => ((TestServer)sp.GetRequiredService<IServer>()).CreateHandler());
            if (MollieHandler is { } extra) mollie.AddHttpMessageHandler(() => extra);
            services.AddHttpClient(Portal.Infrastructure.Events.WebhookOptions.ClientName)
                .ConfigurePrimaryHttpMessageHandler(() => ErpWebhookHandler ?? throw new InvalidOperationException("Set ErpWebhookHandler to receive webhooks."));
            services.AddHttpClient(SandboxWebhooks.ClientName).ConfigurePrimaryHttpMessageHandler(sp => WebhookHandler ?? ((TestServer)sp.GetRequiredService<IServer>()).CreateHandler());
            services.AddSingleton<TimeProvider>(Clock);
            services.AddLogging(logging => logging.AddProvider(new ListLoggerProvider(LogLines)));
        });
    }

    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public async Task<TestOrganisation> CreateOrganisationAsync(string name = "Waterbedrijf Test")
    {
        return await WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PortalDbContext>();
            var organisation = new Organisation(name, "#0B5394", "NL91ABNA0417164300", name + " B.V.", "020 765 43 21", Clock.GetUtcNow().UtcDateTime);
            db.Organisations.Add(organisation);
            await db.SaveChangesAsync();
            var key = await sp.GetRequiredService<ApiKeyService>().IssueAsync(organisation.Id, "test", "test");
            return new TestOrganisation(this, organisation.Id, key);
        });
    }

    public HttpClient CreateApiClient(string apiKey)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }

    /// <summary>Like a browser over https: the session cookie is Secure outside Development.</summary>
    public HttpClient CreateBrowserClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri("https://localhost") });

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _ownsDatabase) _database.Dispose();
    }
}

internal static class ResponseChecks
{
    public static void EnsureSuccessOrRedirect(this HttpResponseMessage response)
    {
        if ((int)response.StatusCode >= 400) throw new InvalidOperationException($"Opening the pay link gave {(int)response.StatusCode}.");
    }
}

/// <summary>An organisation made for a test, with helpers that go through the app's services.</summary>
public record TestOrganisation(PortalFactory Factory, long Id, string ApiKey)
{
    public Task AddCustomerAsync(string customerRef, string name = "Sanne de Vries", string? language = null) =>
        Factory.WithScopeAsync(sp => sp.GetRequiredService<CustomerService>()
            .UpsertAsync(Id, customerRef, new CustomerDetails(name, null, null, language, null), "test"));

    public Task<InvoiceUpsertResult> AddInvoiceAsync(string number, string customerRef, long amountMinor, DateOnly dueDate, string description = "Water") =>
        Factory.WithScopeAsync(sp => sp.GetRequiredService<InvoiceService>().UpsertAsync(Id,
            new InvoiceInput(number, customerRef, dueDate.AddDays(-30), dueDate, "EUR", amountMinor,
                [new Portal.Domain.Invoices.InvoiceLineDetails(description, amountMinor, null, null, null)], description), "test"));

    /// <summary>A browser that opened the customer's pay link: it has the session cookie.</summary>
    public async Task<HttpClient> OpenAsCustomerAsync(string customerRef)
    {
        var link = await CreatePayLinkAsync(customerRef);
        var browser = Factory.CreateBrowserClient();
        (await browser.GetAsync($"/p/{link.Token}")).EnsureSuccessOrRedirect();
        return browser;
    }

    public Task<PayLinkService.Issued> CreatePayLinkAsync(string customerRef, IReadOnlyList<string>? invoiceNumbers = null, DateTime? expiresAtUtc = null) =>
        Factory.WithScopeAsync(async sp => (await sp.GetRequiredService<PayLinkService>()
            .CreateAsync(Id, customerRef, invoiceNumbers, expiresAtUtc, "test")).Link!);
}
