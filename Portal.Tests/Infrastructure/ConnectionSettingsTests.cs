using Npgsql;
using Portal.Infrastructure.Database;
using Shouldly;

namespace Portal.Tests.Infrastructure;

/// <summary>Portal sets the PostgreSQL settings its pages need; what the operator wrote wins.</summary>
public class ConnectionSettingsTests
{
    [Fact]
    public void AnOrdinaryConnectionString_GetsNoResetOnClose_AndPreparedStatements()
    {
        var settings = new NpgsqlConnectionStringBuilder(ConnectionSettings.ForPostgres("Host=db;Database=portal;Username=portal"));
        settings.NoResetOnClose.ShouldBeTrue();
        settings.MaxAutoPrepare.ShouldBe(ConnectionSettings.MaxAutoPrepare);
        settings.Host.ShouldBe("db");
        settings.Database.ShouldBe("portal");
    }

    [Theory]
    [InlineData("Host=db;No Reset On Close=false;Max Auto Prepare=0")]
    [InlineData("Host=db;noresetonclose=false;MAXAUTOPREPARE=0")]
    public void WhatTheOperatorSet_IsKept(string connectionString)
    {
        var settings = new NpgsqlConnectionStringBuilder(ConnectionSettings.ForPostgres(connectionString));
        settings.NoResetOnClose.ShouldBeFalse();
        settings.MaxAutoPrepare.ShouldBe(0);
    }
}
