using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc.Razor;
using Portal.Infrastructure.Settings;
using Portal.Sandbox;
using Portal.Web.Customers;

namespace Portal.Web.Setup;

public static class WebServices
{
    public static IServiceCollection AddPortalWeb(this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        SandboxSetup.ThrowIfMisconfigured(configuration, environment);
        if (SandboxSetup.IsEnabled(configuration, environment))
        {
            services.AddPortalOptions<SandboxOptions>(configuration, SandboxOptions.Section);
            services.AddMollieSandbox();
            services.AddSingleton<Sandbox.SandboxDays>();
        }
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        // Razor Pages check the antiforgery token of every POST themselves (a bad one is 400 through the status code
        // pages). No global check on top: it would overrule the error page's [IgnoreAntiforgeryToken], so a POST that
        // ends in 404 or 503 would turn into 400 when re-executed through the error page.
        services.AddRazorPages(o => o.Conventions.ConfigureFilter(new Microsoft.AspNetCore.Mvc.ServiceFilterAttribute(typeof(CustomerContextFilter))))
            .AddViewLocalization(LanguageViewLocationExpanderFormat.Suffix);
        services.AddAuthentication()
            .AddCookie(CustomerSession.Scheme, o => CustomerSession.Configure(o, environment.IsDevelopment()));
        // After the cookie handler's own set-up has made its ticket format: keep what each session cookie says.
        services.AddOptions<CookieAuthenticationOptions>(CustomerSession.Scheme).PostConfigure<TimeProvider>((o, clock) =>
            o.TicketDataFormat = new KeptTicketFormat(o.TicketDataFormat, clock));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "portal_af";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        });
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.SetDefaultCulture(Languages.Default.Name);
            o.SupportedCultures = Languages.Cultures;
            o.SupportedUICultures = Languages.Cultures;
            o.RequestCultureProviders = [new CustomerLanguageCultureProvider()];
        });
        // Write "€ 125,50" and "vóór" as they are, not as character references.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddScoped<CustomerContext>();
        services.AddScoped<CustomerContextFilter>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        return services;
    }
}
