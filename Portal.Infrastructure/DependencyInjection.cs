using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Portal.Infrastructure.ApiKeys;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Customers;
using Portal.Infrastructure.Database;
using Portal.Infrastructure.Demo;
using Portal.Infrastructure.Invoices;
using Portal.Infrastructure.Jobs;
using Portal.Infrastructure.PayLinks;
using Portal.Infrastructure.Payments;
using Portal.Infrastructure.Payments.Mollie;
using Portal.Infrastructure.Settings;
using Portal.Infrastructure.Events;

namespace Portal.Infrastructure;

public static class DependencyInjection
{
    public static IServiceCollection AddPortalInfrastructure(this IServiceCollection services, IConfiguration configuration,
        IHostEnvironment environment)
    {
        var options = services.AddPortalOptions<PortalOptions>(configuration, PortalOptions.Section);
        var connectionString = configuration.GetConnectionString("Portal");

        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        var provider = DatabaseProvider.Parse(options.Database.Provider);
        // Pooled: a page's context is reset and reused instead of built anew for every request.
        services.AddDbContextPool<PortalDbContext>(db =>
        {
            if (provider == DatabaseProvider.Postgres)
                db.UseNpgsql(ConnectionSettings.ForPostgres(connectionString ?? throw new InvalidOperationException(
                    $"{DatabaseProvider.Key} is Postgres, so ConnectionStrings:Portal must name the database.")));
            else
                db.UseSqlite(connectionString ?? PortalDatabase.DefaultSqliteConnectionString(environment.ContentRootPath));
            // Migrations are hand-written without a model snapshot, so EF cannot compare them with the model.
            db.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        });

        services.AddDataProtection().SetApplicationName("Portal");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
            o.XmlRepository = new DatabaseXmlRepository(sp.GetRequiredService<IServiceScopeFactory>())));
        services.AddHostedService<WarmUpAfterStart>();

        AddMollie(services, configuration, options, environment);

        services.AddScoped<AuditTrail>();
        services.AddSingleton<Portal.Infrastructure.Idempotency.IdempotencyStore>();
        services.AddScoped<ApiKeyService>();
        services.AddScoped<CustomerService>();
        services.AddScoped<CustomerAccountService>();
        services.AddSingleton<BrandCache>();
        services.AddScoped<CustomerCreditService>();
        services.AddScoped<InvoiceService>();
        services.AddScoped<InvoiceImportService>();
        services.AddScoped<PayLinkService>();
        services.AddScoped<LetterCodeService>();
        services.AddScoped<PaymentService>();
        services.AddScoped<PaymentSyncService>();
        services.AddScoped<PaymentResultService>();
        services.AddScoped<BankTransferService>();
        services.AddScoped<PaymentReconciliation>();
        services.AddScoped<CreditRefunds>();
        services.AddScoped<PaymentFeedbackService>();
        services.AddScoped<Portal.Infrastructure.Organisations.PaymentSettingsService>();
        services.AddScoped<Portal.Infrastructure.Organisations.OrganisationService>();
        AddWebhooks(services, configuration);
        AddMessages(services, configuration, environment);
        if (options.HasRole("worker")) services.AddPortalJobs(configuration);
        services.AddSingleton<QrCodeRenderer>();
        services.AddSingleton<PublicLinks>();
        services.AddScoped<DemoSeeder>();
        services.AddSingleton<DemoLinks>();
        return services;
    }

    /// <summary>The message outbox, its templates and its channels; e-mail that must work but cannot stops the start here.</summary>
    private static void AddMessages(IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var email = services.AddPortalOptions<Messages.EmailOptions>(configuration, Messages.EmailOptions.Section);
        var sms = services.AddPortalOptions<Messages.SmsOptions>(configuration, Messages.SmsOptions.Section);
        Messages.MessageChannels.CheckAtStart(email, sms, environment);
        services.AddHttpClient(Messages.SmsOptions.ClientName, c => c.Timeout = TimeSpan.FromSeconds(20));
        services.AddSingleton<Messages.MessageChannels>();
        services.AddScoped<Messages.MessageService>();
        services.AddScoped<Messages.MessageDispatcher>();
        services.AddScoped<Messages.TemplateService>();
        services.AddScoped<Messages.MessageSettingsService>();
        services.AddScoped<DirectDebit.DirectDebitService>();
        services.AddScoped<DirectDebit.CollectionRun>();
        services.AddScoped<DirectDebit.CollectionResults>();
        services.AddScoped<Arrangements.ArrangementService>();
        services.AddScoped<Callbacks.CallbackService>();
        services.AddScoped<Questions.QuestionService>();
        services.AddScoped<Hardship.HardshipService>();
        services.AddScoped<Promises.PromiseService>();
        services.AddScoped<Customers.ContactChangeService>();
        services.AddScoped<Arrangements.ArrangementRun>();
        services.AddSingleton<Messages.LetterRenderer>();
        services.AddScoped<Messages.LetterService>();
        services.AddPortalOptions<Verification.OneTimeCodeOptions>(configuration, Verification.OneTimeCodeOptions.Section);
        services.AddScoped<Verification.OneTimeCodeService>();
    }

    /// <summary>Outgoing webhooks: no redirects followed, and the connection itself refuses non-public addresses.</summary>
    private static void AddWebhooks(IServiceCollection services, IConfiguration configuration)
    {
        services.AddPortalOptions<WebhookOptions>(configuration, WebhookOptions.Section);
        services.AddScoped<WebhookEndpointService>();
        services.AddScoped<WebhookDispatcher>();
        services.AddHttpClient(WebhookOptions.ClientName, c => c.Timeout = TimeSpan.FromSeconds(15))
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var allowLoopback = sp.GetRequiredService<IOptions<WebhookOptions>>().Value.AllowLoopback;
                return new SocketsHttpHandler
                {
                    AllowAutoRedirect = false,
                    ConnectTimeout = TimeSpan.FromSeconds(10),
                    ConnectCallback = (context, ct) => AddressGuard.ConnectAsync(context.DnsEndPoint, allowLoopback, ct),
                };
            });
    }

    /// <summary>
    /// One client for real Mollie and for the sandbox. With the sandbox it talks to this app's own
    /// /mollie-sandbox/v2/ with a test key, unless configured otherwise.
    /// </summary>
    private static void AddMollie(IServiceCollection services, IConfiguration configuration, PortalOptions options, IHostEnvironment environment)
    {
        var sandbox = options.Payments.UsesSandbox(environment.IsDevelopment());
        services.AddPortalOptions<MollieOptions>(configuration, MollieOptions.Section);
        services.PostConfigure<MollieOptions>(o =>
        {
            if (!sandbox) return;
            var self = (options.PublicBaseUrl ?? configuration["Urls"]?.Split(';')[0] ?? "http://localhost:5080").TrimEnd('/');
            if (configuration[$"{MollieOptions.Section}:BaseUrl"] is null) o.BaseUrl = new Uri(self + "/mollie-sandbox/v2/");
            if (string.IsNullOrEmpty(o.ApiKey)) o.ApiKey = "test_portal_sandbox";
        });
        services.AddTransient<MollieRetryHandler>();
        services.AddHttpClient<MollieClient>((sp, http) =>
        {
            var o = sp.GetRequiredService<IOptions<MollieOptions>>().Value;
            http.BaseAddress = o.BaseUrl;
            http.Timeout = Timeout.InfiniteTimeSpan; // each attempt has its own time-out in MollieRetryHandler
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", o.ApiKey);
            http.DefaultRequestHeaders.UserAgent.ParseAdd("Portal/1.0");
        }).AddHttpMessageHandler<MollieRetryHandler>();
    }
}
