// The .NET half of scripts/sdkgen-host: a Pulumi language plugin named pulumi-language-dotnet that
// implements only GeneratePackage, so that `pulumi package gen-sdk --language dotnet` can generate this
// package's .NET SDK on a machine without the official host.
//
// Why a second program: the official .NET host lives in github.com/pulumi/pulumi-dotnet, which the Go
// module proxy here refuses, and github.com/pulumi/pulumi/pkg/v3 dropped its .NET generator (codegen/dotnet)
// when the generator moved to that repository. pkg/v3 v3.130.0 is the last release this program is built
// against that still carries it, and one Go module cannot hold two versions of pkg/v3, hence its own
// module. The files it writes are what that generator writes; docs/packages.md says so.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	dotnetgen "github.com/pulumi/pulumi/pkg/v3/codegen/dotnet"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"
)

const tool = "pulumi-language-dotnet"

type host struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
}

// GetPluginInfo reports the version of the code generator built in (the pkg/v3 module).
func (h *host) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, dep := range info.Deps {
			if dep.Path == "github.com/pulumi/pulumi/pkg/v3" {
				return &pulumirpc.PluginInfo{Version: strings.TrimPrefix(dep.Version, "v")}, nil
			}
		}
	}
	return nil, fmt.Errorf("no build information: build with module support")
}

func (h *host) GeneratePackage(ctx context.Context, req *pulumirpc.GeneratePackageRequest,
) (*pulumirpc.GeneratePackageResponse, error) {
	loader, err := schema.NewLoaderClient(req.LoaderTarget)
	if err != nil {
		return nil, err
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal([]byte(req.Schema), &spec); err != nil {
		return nil, err
	}
	pkg, diags, err := schema.BindSpec(spec, loader)
	if err != nil {
		return nil, err
	}
	if diags.HasErrors() {
		return &pulumirpc.GeneratePackageResponse{Diagnostics: plugin.HclDiagnosticsToRPCDiagnostics(diags)}, nil
	}
	// The generator downloads the package's logo for the NuGet package (pkg.LogoURL, else Pulumi's logo on
	// GitHub): there is no internet here, so it gets ours from a server of this process instead.
	logo, stop, err := serveLogo()
	if err != nil {
		return nil, err
	}
	defer stop()
	pkg.LogoURL = logo
	files, err := dotnetgen.GeneratePackage(tool, pkg, req.ExtraFiles, req.LocalDependencies)
	if err != nil {
		return nil, err
	}
	for name, data := range files {
		out := filepath.Join(req.Directory, name)
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(out, data, 0o644); err != nil {
			return nil, err
		}
	}
	return &pulumirpc.GeneratePackageResponse{Diagnostics: plugin.HclDiagnosticsToRPCDiagnostics(diags)}, nil
}

// serveLogo serves the package's logo, a 64×64 square in Teams' purple drawn here (the same bytes every
// time), on a loopback port, and returns its URL and how to stop the server.
func serveLogo() (string, func(), error) {
	img := image.NewRGBA(image.Rect(0, 0, 64, 64))
	for y := 0; y < 64; y++ {
		for x := 0; x < 64; x++ {
			img.Set(x, y, color.RGBA{R: 0x5b, G: 0x5f, B: 0xc7, A: 0xff})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return "", nil, err
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("content-type", "image/png")
		_, _ = w.Write(buf.Bytes())
	})}
	go func() { _ = srv.Serve(l) }()
	return fmt.Sprintf("http://%s/logo.png", l.Addr()), func() { _ = srv.Close() }, nil
}

func main() {
	// The engine passes its address as the last argument; GeneratePackage does not call back into it.
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, &host{})
			return nil
		},
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", tool, err)
		os.Exit(1)
	}
	// The plugin protocol: the first line on stdout is the port.
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", tool, err)
		os.Exit(1)
	}
}
