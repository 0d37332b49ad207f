using System.Net;
using System.Net.Sockets;

namespace Dashboard.Devnet.Processes;

/// <summary>Loopback ports: a free one from the OS, or a preferred one when it is free.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public static int PreferOrNext(int preferred) => preferred > 0 && IsFree(preferred) ? preferred : Next();
}
