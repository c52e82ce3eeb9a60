namespace Portal.Sandbox;

/// <summary><c>Portal:Payments:Sandbox</c>: where the sandbox may run beyond Development and tests.</summary>
public sealed class SandboxOptions
{
    public const string Section = "Portal:Payments:Sandbox";

    /// <summary>
    /// True maps the sandbox outside Development and tests too (a demo or Staging server without Mollie), never in
    /// Production; false keeps it off everywhere. Unset: Development and tests only.
    /// </summary>
    public bool? Enabled { get; set; }
}
