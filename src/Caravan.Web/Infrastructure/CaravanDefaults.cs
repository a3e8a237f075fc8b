using Caravan.Core.Statistics;
using Microsoft.AspNetCore.DataProtection;
using System.Globalization;
using System.Threading.RateLimiting;
using Caravan.Core.Audit;
using Caravan.Core.Cases;
using Caravan.Core.Data;
using Caravan.Core.Identity;
using Caravan.Core.Identity.Staff;
using Caravan.Core.Messaging;
using Caravan.Core.Node;
using Caravan.Core.Reference;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Caravan.Web.Infrastructure;

public static class CaravanPolicies
{
    public const string ContractChecks = "contract-checks";

    /// <summary>The public verification page: codes are random, and the limit keeps anyone from trying many.</summary>
    public const string Verification = "verification";

    /// <summary>Partner nodes' deliveries: each message costs a signature check, so one address may not send without end.</summary>
    public const string Exchange = "exchange";
}

/// <summary>Everything a node sets up, in one place: data, identity, localisation, security, telemetry.</summary>
public static class CaravanDefaults
{
    public const string SignInRateLimit = "sign-in";
    public const string CodeRateLimit = "one-time-code";
    public const string TipRateLimit = "anonymous-tip";

    public static WebApplicationBuilder AddCaravanDefaults(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var config = builder.Configuration;

        builder.Host.UseDefaultServiceProvider(o =>
        {
            o.ValidateScopes = true;
            o.ValidateOnBuild = true;
        });
        if (!builder.Environment.IsDevelopment())
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole();
        }

        services.AddOptions<NodeOptions>().Bind(config.GetSection(NodeOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DatabaseOptions>().Bind(config.GetSection(DatabaseOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DemoOptions>().Bind(config.GetSection(DemoOptions.Section));

        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddSingleton<IAuditActor, HttpAuditActor>();
        var provider = config.GetValue(DatabaseOptions.Section + ":Provider", DatabaseProvider.Sqlite);
        var connectionString = ResolveConnectionString(config, builder.Environment, provider);
        services.AddCaravanData(provider, connectionString);
        services.AddCaravanJobs(config, provider, connectionString);
        services.AddOptions<Caravan.Core.Agencies.LicensingOptions>().Bind(config.GetSection(Caravan.Core.Agencies.LicensingOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<Caravan.Core.Agencies.LicensingCommands>();
        services.AddScoped<Caravan.Core.Agencies.LicenceStatements>();
        services.AddOptions<DocumentStoreOptions>().Bind(config.GetSection(DocumentStoreOptions.Section));
        services.AddSingleton<IDocumentStore>(sp =>
        {
            var path = sp.GetRequiredService<IOptions<DocumentStoreOptions>>().Value.Path;
            return new FileSystemDocumentStore(Path.IsPathRooted(path) ? path : Path.Combine(builder.Environment.ContentRootPath, path));
        });
        // The key ring encrypts Sensitive fields at rest; it lives outside the database (back it up separately,
        // see docs/operations.md) so that a copy of the database alone reveals no document numbers.
        var keysPath = config.GetValue("DataProtection:KeysPath", "data/keys")!;
        keysPath = Path.IsPathRooted(keysPath) ? keysPath : Path.Combine(builder.Environment.ContentRootPath, keysPath);
        var protection = services.AddDataProtection().SetApplicationName("Caravan").PersistKeysToFileSystem(new DirectoryInfo(keysPath))
            .UseCryptographicAlgorithms(SensitiveData.Algorithms);
        // Replicas share one key ring (a shared path); a certificate encrypts the keys at rest, so the shared folder
        // alone, like the database alone, reveals nothing (docs/operations.md, "Two or more replicas").
        var certificate = config["DataProtection:CertificatePath"];
        if (!string.IsNullOrWhiteSpace(certificate))
        {
            protection.ProtectKeysWithCertificate(System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(
                Path.IsPathRooted(certificate) ? certificate : Path.Combine(builder.Environment.ContentRootPath, certificate),
                config["DataProtection:CertificatePassword"]));
        }
        services.AddSingleton(sp => new SensitiveData(sp.GetRequiredService<IDataProtectionProvider>(), SensitiveData.LoadOrCreateLookupKey(keysPath, sp.GetRequiredService<IDataProtectionProvider>())));
        services.AddStatistics(config);
        Caravan.Core.Node.Export.NodeExportServiceCollectionExtensions.AddNodeExport(services, keysPath, builder.Environment.ContentRootPath);
        services.AddScoped<Caravan.Core.Migrants.RegistryCommands>();
        services.AddScoped<Caravan.Core.Migrants.PersonConsents>();
        services.AddScoped<Caravan.Core.Migrants.PersonDuplicates>();
        services.AddScoped<Caravan.Core.Migrants.RegistryQueries>();
        services.AddScoped<Caravan.Core.Migrants.PersonAccessLog>();
        services.AddScoped<Caravan.Core.Migrants.JourneyCommands>();
        services.AddScoped<Caravan.Core.Migrants.Import.PersonImporter>();
        services.AddScoped<Caravan.Core.Migrants.Import.ImportMatcher>();
        services.AddScoped<ReferenceDataSeeder>();
        services.AddScoped<DemoSeeder>();
        services.AddScoped<DatabaseInitializer>();
        services.AddScoped<ApiKeyService>();
        services.AddMemoryCache();
        services.AddSingleton<TrackingGuard>();
        services.AddScoped<Catalogue>();
        services.AddScoped<Caravan.Core.Agencies.AgencyQueries>();
        services.AddOptions<Caravan.Core.Contracts.FeePolicyOptions>().Bind(config.GetSection(Caravan.Core.Contracts.FeePolicyOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<Caravan.Core.Contracts.ContractChecker>();
        Caravan.Core.Vacancies.VacanciesServiceCollectionExtensions.AddVacancies(services, config);
        services.AddScoped<RateTable>();
        services.AddScoped<Caravan.Core.Agencies.EmployerCommands>();
        services.AddScoped<Caravan.Core.Agencies.InspectionCommands>();
        services.AddCases(config);
        Caravan.Core.Applications.ApplicationsServiceCollectionExtensions.AddApplications(services, config);
        Caravan.Core.Signing.SigningServiceCollectionExtensions.AddSigning(services, config);
        Caravan.Core.Guides.GuidesServiceCollectionExtensions.AddGuides(services);
        Caravan.Core.Credentials.CredentialsServiceCollectionExtensions.AddCredentials(services);
        Caravan.Core.Training.TrainingServiceCollectionExtensions.AddTraining(services);
        Caravan.Core.Exchange.ExchangeServiceCollectionExtensions.AddExchange(services, config);
        Caravan.Core.Region.RegionServiceCollectionExtensions.AddRegion(services);
        Caravan.Core.Coordination.CoordinationServiceCollectionExtensions.AddCoordination(services);
        NodeTransport.Add(services);
        if (config.GetSection(DemoRegionLinker.Section).Exists())
        {
            services.AddHostedService<DemoRegionLinker>();
        }
        services.AddScoped<Caravan.Core.Cases.ICaseNotifier, CaseNotifier>();
        services.AddScoped<Caravan.Core.Messaging.INoticeTexts, NoticeTexts>();
        services.AddSingleton<Pdf.CredentialPdf>();
        services.AddOptions<Caravan.Core.Agencies.ScorecardOptions>().Bind(config.GetSection(Caravan.Core.Agencies.ScorecardOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddMessaging(config, builder.Environment);
        StartupRules.Enforce(config, builder.Environment);

        services.AddStaffAdministration(config);
        AddIdentity(services, StartupRules.SecureCookies(config, builder.Environment));
        AddLocalization(services, config);
        AddRateLimits(services, config);

        services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/Admin", Roles.Admin);
            o.Conventions.AuthorizeFolder("/Dashboard");
            o.Conventions.AuthorizeFolder("/Account/Manage");
        }).AddViewLocalization().AddMvcOptions(o =>
        {
            LocalizeBindingMessages(o.ModelBindingMessageProvider);
            // No form here uses jQuery's a[b][c] keys, and their reader throws on a key it cannot parse ("[{"), which
            // made any POST of such a body to a page, or to the error page after a 4xx, a 500 (found by fuzzing).
            Microsoft.AspNetCore.Mvc.ModelBinding.ValueProviderFactoryExtensions.RemoveType<Microsoft.AspNetCore.Mvc.ModelBinding.JQueryFormValueProviderFactory>(o.ValueProviderFactories);
            Microsoft.AspNetCore.Mvc.ModelBinding.ValueProviderFactoryExtensions.RemoveType<Microsoft.AspNetCore.Mvc.ModelBinding.JQueryQueryStringValueProviderFactory>(o.ValueProviderFactories);
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(Roles.Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Roles.AgencyStaff, p => p.RequireRole(Roles.AgencyStaff))
            .AddPolicy(Roles.Officer, p => p.RequireRole(Roles.Officer))
            .AddPolicy(Roles.ConsularOfficer, p => p.RequireRole(Roles.ConsularOfficer))
            .AddPolicy(Roles.Analyst, p => p.RequireRole(Roles.Analyst))
            .AddPolicy(Roles.Migrant, p => p.RequireRole(Roles.Migrant));

        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new NulFreeStrings()));
        // Malformed API input must be a 400 problem in every environment, never an exception page.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = false);
        // Razor would otherwise escape every Cyrillic letter as &#x...; which triples the weight of a page.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddOpenApi();
        services.AddHealthChecks().AddDbContextCheck<CaravanDbContext>("database");
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
        });
        services.Configure<ForwardedHeadersOptions>(o =>
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(o => o.ValueCountLimit = 200);
        builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = 10 * 1024 * 1024);

        var otel = services.AddOpenTelemetry()
            .WithTracing(t => t.AddAspNetCoreInstrumentation(o => o.RecordException = false)
                .AddHttpClientInstrumentation()
                .AddEntityFrameworkCoreInstrumentation())
            .WithMetrics(m => m.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddRuntimeInstrumentationIfPresent());
        if (!string.IsNullOrWhiteSpace(config["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            otel.UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>Binding errors carry resource keys; the views translate them like every other validation message.</summary>
    private static void LocalizeBindingMessages(Microsoft.AspNetCore.Mvc.ModelBinding.Metadata.DefaultModelBindingMessageProvider p)
    {
        p.SetValueMustNotBeNullAccessor(_ => "Validation.Required");
        p.SetMissingBindRequiredValueAccessor(_ => "Validation.Required");
        p.SetMissingKeyOrValueAccessor(() => "Validation.Required");
        p.SetMissingRequestBodyRequiredValueAccessor(() => "Validation.Required");
        p.SetAttemptedValueIsInvalidAccessor((_, _) => "Validation.InvalidValue");
        p.SetNonPropertyAttemptedValueIsInvalidAccessor(_ => "Validation.InvalidValue");
        p.SetUnknownValueIsInvalidAccessor(_ => "Validation.InvalidValue");
        p.SetNonPropertyUnknownValueIsInvalidAccessor(() => "Validation.InvalidValue");
        p.SetValueIsInvalidAccessor(_ => "Validation.InvalidValue");
        p.SetValueMustBeANumberAccessor(_ => "Validation.MustBeNumber");
        p.SetNonPropertyValueMustBeANumberAccessor(() => "Validation.MustBeNumber");
    }

    private static MeterProviderBuilder AddRuntimeInstrumentationIfPresent(this MeterProviderBuilder builder) =>
        builder.AddMeter("System.Runtime");

    private static void AddIdentity(IServiceCollection services, bool secureCookies)
    {
        services.AddIdentity<CaravanUser, CaravanRole>(o =>
            {
                o.Password.RequiredLength = 12;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<CaravanDbContext>()
            .AddUserStore<HashedRecoveryCodeStore>()
            .AddDefaultTokenProviders()
            // Replaces Identity's authenticator provider under the same name: one step of drift, each code once.
            .AddTokenProvider<OneUseAuthenticatorTokenProvider>(TokenOptions.DefaultAuthenticatorProvider)
            .AddClaimsPrincipalFactory<CaravanClaimsFactory>();
        // Every request checks the session against the account's security stamp, so switching an account off or
        // changing its rights ends its sessions at once rather than after the default half hour.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);
        // Invitation links expire by their own row (Staff:InvitationLifetime); the token only has to outlive it.
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromDays(30));
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/sign-in";
            o.LogoutPath = "/account/sign-out";
            o.AccessDeniedPath = "/account/denied";
            // __Host-: the browser accepts the cookie only from this origin, Secure, for the whole site, and no
            // sibling subdomain can set or shadow it. The prefix needs Secure, so a plain-http node keeps the bare name.
            o.Cookie.Name = CookieName("caravan.auth", secureCookies);
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = secureCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            // API callers get status codes, not a redirect to an HTML sign-in page.
            o.Events.OnRedirectToLogin = ctx => ApiOr(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => ApiOr(ctx, StatusCodes.Status403Forbidden);
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = CookieName("caravan.antiforgery", secureCookies);
            o.Cookie.SecurePolicy = secureCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        });
        services.Configure<Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions>(o =>
        {
            o.Cookie.Name = CookieName("caravan.tempdata", secureCookies);
            o.Cookie.SecurePolicy = secureCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        });
        services.AddAuthentication()
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
    }

    public static string CookieName(string name, bool secure) => secure ? "__Host-" + name : name;

    private static Task ApiOr(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            if (!ctx.Response.HasStarted)
            {
                ctx.Response.StatusCode = status;
            }

            return Task.CompletedTask;
        }

        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    private static void AddLocalization(IServiceCollection services, ConfigurationManager config)
    {
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        var defaultCulture = config[NodeOptions.Section + ":DefaultCulture"] ?? "uz";
        if (!Cultures.IsSupported(defaultCulture))
        {
            throw new OptionsValidationException(NodeOptions.Section, typeof(NodeOptions), [$"Node:DefaultCulture '{defaultCulture}' is not one of the UI languages."]);
        }

        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.SupportedCultures = [.. Cultures.All];
            o.SupportedUICultures = [.. Cultures.All];
            o.DefaultRequestCulture = new RequestCulture(defaultCulture);
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
            o.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider { QueryStringKey = "culture", UIQueryStringKey = "culture" },
                new CookieRequestCultureProvider(),
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
    }

    private static void AddRateLimits(IServiceCollection services, ConfigurationManager config)
    {
        var signInPermits = config.GetValue("RateLimits:SignInPerMinute", 20);
        var codePermits = config.GetValue("RateLimits:CodesPerFiveMinutes", 10);
        var tipPermits = config.GetValue("RateLimits:TipsPerTenMinutes", 30);
        var statisticsPermits = config.GetValue("RateLimits:StatisticsPerMinute", 600);
        var exchangePermits = config.GetValue("RateLimits:ExchangePerMinute", 1200);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(SignInRateLimit, ctx => RateLimitPartition.GetFixedWindowLimiter(
                ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = signInPermits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            o.AddPolicy(CaravanPolicies.ContractChecks, ctx => RateLimitPartition.GetFixedWindowLimiter(
                ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = 120, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            o.AddPolicy(CodeRateLimit, ctx => RateLimitPartition.GetFixedWindowLimiter(
                ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = codePermits, Window = TimeSpan.FromMinutes(5), QueueLimit = 0 }));
            // Anonymous tips need no account, so this is what keeps one client from flooding the queues.
            o.AddPolicy(CaravanPolicies.Verification, ctx => RateLimitPartition.GetFixedWindowLimiter(
                ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = 60, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            o.AddPolicy(TipRateLimit, ctx => RateLimitPartition.GetFixedWindowLimiter(
                ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = tipPermits, Window = TimeSpan.FromMinutes(10), QueueLimit = 0 }));
            // Published statistics are cached and cheap to repeat; the limit only stops one client from crowding out others.
            o.AddPolicy(Caravan.Web.Api.StatisticsEndpoints.RateLimit, ctx => RateLimitPartition.GetFixedWindowLimiter(
                ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = statisticsPermits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            o.AddPolicy(CaravanPolicies.Exchange, ctx => RateLimitPartition.GetFixedWindowLimiter(
                ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = exchangePermits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            o.OnRejected = async (context, token) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                var localizer = context.HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<SharedResource>>();
                await Results.Problem(
                    title: localizer["Error.TooManyRequests"],
                    statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(context.HttpContext);
            };
        });
    }

    private static string ResolveConnectionString(ConfigurationManager config, IHostEnvironment env, DatabaseProvider provider)
    {
        var cs = config.GetConnectionString("Caravan");
        if (provider == DatabaseProvider.Sqlite)
        {
            var sqlite = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(cs) ? "Data Source=data/caravan.db" : cs);
            if (!Path.IsPathRooted(sqlite.DataSource) && sqlite.DataSource != ":memory:")
            {
                sqlite.DataSource = Path.Combine(env.ContentRootPath, sqlite.DataSource);
            }

            if (sqlite.Mode != SqliteOpenMode.ReadOnly)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(sqlite.DataSource)!);
            }
            return sqlite.ToString();
        }

        return string.IsNullOrWhiteSpace(cs)
            ? throw new OptionsValidationException("ConnectionStrings", typeof(string), ["ConnectionStrings:Caravan is required for PostgreSQL."])
            : cs;
    }
}
