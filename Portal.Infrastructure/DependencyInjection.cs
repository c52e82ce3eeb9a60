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
using Portal.Infrastructure.PayLinks;

namespace Portal.Infrastructure;

public static class DependencyInjection
{
    public static IServiceCollection AddPortalInfrastructure(this IServiceCollection services, IConfiguration configuration,
        IHostEnvironment environment)
    {
        services.Configure<PortalOptions>(configuration.GetSection(PortalOptions.Section));
        var options = configuration.GetSection(PortalOptions.Section).Get<PortalOptions>() ?? new PortalOptions();
        var connectionString = configuration.GetConnectionString("Portal");

        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddDbContext<PortalDbContext>(db =>
        {
            switch (options.Database.Provider.ToLowerInvariant())
            {
                case "postgres" or "postgresql":
                    db.UseNpgsql(connectionString ?? throw new InvalidOperationException(
                        "Portal:Database:Provider is Postgres, so ConnectionStrings:Portal must name the database."));
                    break;
                case "sqlite":
                    db.UseSqlite(connectionString ?? PortalDatabase.DefaultSqliteConnectionString(environment.ContentRootPath));
                    break;
                default:
                    throw new InvalidOperationException($"Portal:Database:Provider '{options.Database.Provider}' is not Sqlite or Postgres.");
            }
            // Migrations are hand-written without a model snapshot, so EF cannot compare them with the model.
            db.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        });

        services.AddDataProtection().SetApplicationName("Portal");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
            o.XmlRepository = new DatabaseXmlRepository(sp.GetRequiredService<IServiceScopeFactory>())));

        services.AddScoped<AuditTrail>();
        services.AddScoped<ApiKeyService>();
        services.AddScoped<CustomerService>();
        services.AddScoped<CustomerAccountService>();
        services.AddScoped<InvoiceService>();
        services.AddScoped<InvoiceImportService>();
        services.AddScoped<PayLinkService>();
        services.AddSingleton<QrCodeRenderer>();
        services.AddScoped<DemoSeeder>();
        services.AddSingleton<DemoLinks>();
        return services;
    }
}
