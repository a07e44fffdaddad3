package io.recstream.bootstrap;

import io.recstream.adapter.storage.StorageHousekeeping;
import io.recstream.application.port.in.MaintainCacheUseCase;
import io.recstream.application.port.in.RebuildCallDirectoryUseCase;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** The periodic tasks, at the intervals of the one configuration binding (no second default in an annotation). */
@Configuration(proxyBeanMethods = false)
class HousekeepingSchedule implements SchedulingConfigurer {

    private final RecstreamProperties properties;
    private final StorageHousekeeping storage;
    private final CallDirectoryKeeper calls;

    HousekeepingSchedule(RecstreamProperties properties, StorageConfiguration.Storage storage, MaintainCacheUseCase maintainCache,
                         RebuildCallDirectoryUseCase rebuild) {
        this.properties = properties;
        this.storage = new StorageHousekeeping(storage.upkeep(), maintainCache, properties.storage().staleTempAfter(),
                properties.storage().maxSize().toString());
        this.calls = new CallDirectoryKeeper(rebuild);
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(storage::sweep, properties.storage().sweepInterval());
        tasks.addFixedDelayTask(calls::check, properties.calls().checkInterval());
    }
}
