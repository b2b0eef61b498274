@echo off
rem The taskmet command of the binary distribution on Windows: runs the CLI from lib\ with the JDK in
rem JAVA_HOME or on the PATH (17 or newer). Builds nothing. TASKMET_JAVA_OPTS adds JVM flags (e.g. -Xmx8g).
setlocal
set "TASKMET_HOME=%~dp0.."
set "JAVA_EXE=java"
if defined JAVA_HOME set "JAVA_EXE=%JAVA_HOME%\bin\java.exe"

"%JAVA_EXE%" -version >nul 2>&1
if errorlevel 1 goto nojava
rem the major version from the first line of "java -version": openjdk version "17.0.15" ... or "25" ...
set "JAVA_MAJOR="
for /f "tokens=3" %%v in ('"%JAVA_EXE%" -version 2^>^&1') do if not defined JAVA_MAJOR set "JAVA_MAJOR=%%~v"
if not defined JAVA_MAJOR goto nojava
for /f "delims=.-+" %%m in ("%JAVA_MAJOR%") do set "JAVA_MAJOR=%%m"
if %JAVA_MAJOR% LSS 17 goto oldjava

rem the Vector API for the SIMD kernels; headless plots; the plugins\ folder found through taskmet.home
set "JVM_FLAGS=--add-modules jdk.incubator.vector -Djava.awt.headless=true"
rem JDK 24+ warns when Guice's Guava uses sun.misc.Unsafe; the flag that allows it does not exist before JDK 23
if %JAVA_MAJOR% GEQ 23 set "JVM_FLAGS=%JVM_FLAGS% --sun-misc-unsafe-memory-access=allow"
"%JAVA_EXE%" %JVM_FLAGS% "-Dtaskmet.home=%TASKMET_HOME%" %TASKMET_JAVA_OPTS% -cp "%TASKMET_HOME%\lib\*" org.taskmet.bench.cli.TaskmetCli %*
exit /b %ERRORLEVEL%

:nojava
echo taskmet: no Java found: install a JDK 17 or newer, or set JAVA_HOME to one 1>&2
exit /b 1

:oldjava
echo taskmet: needs Java 17 or newer; "%JAVA_EXE%" is Java %JAVA_MAJOR% 1>&2
exit /b 1
